package jp.nurture.leads.core.segment;

import java.util.List;

/**
 * A segment compiled to SQL: a statement that selects the ids of the segment's leads, alias {@code l} for the
 * lead table, and its parameters in order. Callers may wrap it (count, join, {@code lead_id in (...)}); its text
 * never contains anything the marketer typed — values travel as parameters only.
 */
public record SegmentSql(String sql, List<Object> params) {

    public SegmentSql {
        params = List.copyOf(params);
    }

    /** The statement that counts the segment's leads. */
    public SegmentSql count() {
        return new SegmentSql("select count(*) from (" + sql + ") s", params);
    }
}
