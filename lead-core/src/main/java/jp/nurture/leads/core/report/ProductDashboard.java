package jp.nurture.leads.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One product's dashboard for a period: the plan, the totals of this and the previous period, and the panels
 * (built-in ones first, then those of other features).
 *
 * @param snapshotAt when the lead counts by stage and score were taken (null before the first snapshot)
 */
public record ProductDashboard(long productId, Period period, NurturePlan plan, PeriodTotals current,
        PeriodTotals previous, Instant snapshotAt, List<ReportTable> panels) {

    /** Handed-off leads are won less often than the plan's target: field sales will stop trusting the leads. */
    public boolean winRateBelowTarget() {
        return current.wonPercent() != null && current.wonPercent() < plan.targetWinRate();
    }

    public Optional<ReportTable> panel(String id) {
        return panels.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
