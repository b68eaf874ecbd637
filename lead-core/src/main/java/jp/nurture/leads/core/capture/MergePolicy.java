package jp.nurture.leads.core.capture;

/** What an import does with a field of a person or lead that already exists. */
public enum MergePolicy {
    /** Keep what is known; only fill fields that are empty. */
    FILL_EMPTY,
    /** The file is newer: replace known values with the file's non-empty ones. */
    OVERWRITE
}
