package jp.nurture.leads.routing;

import java.util.List;

/** A product's routing settings: the built-in account-owner rule, hot routing, fallback owner, SLA, reasons. */
public record RoutingSettings(long productId, boolean accountOwnerFirst, boolean routeHotDirectly,
        Long fallbackOwnerId, int slaBusinessDays, boolean reassignWhenOverdue, List<String> returnReasons) {

    /** What a product has before an admin sets it up: account owner first, two business days, no fallback. */
    public static RoutingSettings defaults(long productId) {
        return new RoutingSettings(productId, true, false, null, 2, false, List.of());
    }
}
