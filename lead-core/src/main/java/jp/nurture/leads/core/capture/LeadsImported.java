package jp.nurture.leads.core.capture;

import java.util.List;

/**
 * Published once per merged chunk of an import, instead of one ActivityRecorded per row, so listeners (scoring)
 * can rescore the leads in bulk after commit.
 */
public record LeadsImported(long jobId, long productId, List<Long> leadIds) {
}
