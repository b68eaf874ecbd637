package jp.nurture.leads.core.report;

import java.util.Map;
import jp.nurture.leads.core.lead.Channel;

/**
 * Money spent on bringing in leads, by the day it was spent. The feature that books costs (campaigns) provides it,
 * so the channels panel and the company-wide table can show cost per lead, cost per hand-off and ROI without
 * knowing where costs are kept.
 */
public interface MarketingCosts {

    /** Yen spent in the period per lead channel the spending brings leads through. */
    Map<Channel, Long> byChannel(long productId, Period period);

    /** Yen spent in the period per product. */
    Map<Long, Long> byProduct(Long[] productIds, Period period);

    /** Yen per unit, rounded; null when there is nothing to divide by. */
    static Long perUnit(long costYen, long units) {
        return units == 0 || costYen == 0 ? null : Math.round((double) costYen / units);
    }

    /** Won amount per yen spent, in percent (ROI as won amount / cost); null without cost. */
    static Double roiPercent(long wonAmountYen, long costYen) {
        return costYen == 0 ? null : Math.round(wonAmountYen * 1000.0 / costYen) / 10.0;
    }
}
