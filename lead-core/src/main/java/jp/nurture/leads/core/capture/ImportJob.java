package jp.nurture.leads.core.capture;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;

/** An import as its page shows it: what it reads, where it stands and what it did so far. */
public record ImportJob(long id, long productId, String sourceName, String fileName, ImportStatus status,
        Channel channel, String sourceDetail, ActivityType activityType, LocalDate eventDate, MergePolicy mergePolicy,
        String charset, long bytesTotal, long bytesDone, long recordsDone, long recordsAtStart, long created, long updated,
        long unchanged, long failed, String message, Instant createdAt, Instant startedAt, Instant finishedAt,
        Instant now) {

    /** Share of the file read, 0 to 100. */
    public int percent() {
        if (status == ImportStatus.DONE) {
            return 100;
        }
        return bytesTotal == 0 ? 0 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
    }

    /** Rows per second since the run started (or over the whole run once finished). */
    public long rowsPerSecond() {
        if (startedAt == null) {
            return 0;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        long millis = Math.max(1, Duration.between(startedAt, end).toMillis());
        return (recordsDone - recordsAtStart) * 1000 / millis;
    }

    /** Estimated time left, from the share of bytes read so far; null when unknown or finished. */
    public Duration remaining() {
        if (status != ImportStatus.RUNNING || startedAt == null || bytesDone == 0) {
            return null;
        }
        long elapsed = Duration.between(startedAt, now).toMillis();
        return Duration.ofMillis(elapsed * (bytesTotal - bytesDone) / bytesDone);
    }

    public boolean hasErrors() {
        return failed > 0;
    }
}
