package jp.nurture.leads.web.routing;

import java.util.Arrays;
import java.util.List;
import jp.nurture.leads.routing.RoutingSettings;

/** A product's routing settings as the admin edits them; return reasons one per line. */
record SettingsForm(Boolean accountOwnerFirst, Boolean routeHotDirectly, Long fallbackOwnerId, Integer slaBusinessDays,
        Boolean reassignWhenOverdue, String returnReasons) {

    String problem() {
        if (slaBusinessDays == null || slaBusinessDays < 1 || slaBusinessDays > 30) {
            return "routing.settings.error.sla";
        }
        return null;
    }

    RoutingSettings toSettings(long productId) {
        List<String> reasons = returnReasons == null ? List.of()
                : Arrays.stream(returnReasons.split("\\R")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.length() > 200 ? s.substring(0, 200) : s).distinct().limit(30).toList();
        return new RoutingSettings(productId, Boolean.TRUE.equals(accountOwnerFirst), Boolean.TRUE.equals(routeHotDirectly),
                fallbackOwnerId, slaBusinessDays, Boolean.TRUE.equals(reassignWhenOverdue), reasons);
    }
}
