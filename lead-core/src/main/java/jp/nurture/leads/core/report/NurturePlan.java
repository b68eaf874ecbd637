package jp.nurture.leads.core.report;

import java.util.List;
import jp.nurture.leads.core.lead.Channel;

/**
 * A product's nurturing plan (seed 000 §2), the start of every PDCA review. Who the product is for is the product's
 * target definition; the plan adds how people meet the product, how they come to inquire, the goal with monthly KPI
 * targets, and the narrowing scenario improved by trial.
 *
 * @param buyingJourney  the channels people meet the product through
 * @param kpiNewLeads    new leads per month wanted, or null when not set
 * @param kpiHandOffs    hand-offs to field sales per month wanted, or null
 * @param targetWinRate  percent of handed-off leads that should be won (default 30)
 */
public record NurturePlan(long productId, List<Channel> buyingJourney, String pathToInquiry, String goal,
        String scenario, Integer kpiNewLeads, Integer kpiHandOffs, int targetWinRate) {

    /** Below about 30% won, field sales stop following marketing's leads (seed 000). */
    public static final int DEFAULT_TARGET_WIN_RATE = 30;

    public NurturePlan {
        buyingJourney = List.copyOf(buyingJourney);
        if (targetWinRate < 1 || targetWinRate > 100) {
            throw new IllegalArgumentException("target win rate must be 1..100");
        }
        if (kpiNewLeads != null && kpiNewLeads < 0 || kpiHandOffs != null && kpiHandOffs < 0) {
            throw new IllegalArgumentException("KPI targets cannot be negative");
        }
    }

    public static NurturePlan empty(long productId) {
        return new NurturePlan(productId, List.of(), null, null, null, null, null, DEFAULT_TARGET_WIN_RATE);
    }
}
