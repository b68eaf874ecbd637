package jp.nurture.leads.core.capture;

/** Where an import job stands. */
public enum ImportStatus {
    /** The file is stored; columns are not mapped yet. */
    UPLOADED,
    /** Mapped and waiting for an instance to run it. */
    QUEUED,
    RUNNING,
    DONE,
    /** Stopped by an error that is not about one row (e.g. an unreadable file). */
    FAILED,
    /** The instance running it stopped (restart, crash); can be resumed without duplicates. */
    INTERRUPTED;

    public boolean isFinished() {
        return this == DONE || this == FAILED;
    }
}
