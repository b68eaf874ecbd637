package jp.nurture.leads.web.routing;

import java.util.List;
import java.util.Set;
import jp.nurture.leads.routing.RoutingSetup;
import jp.nurture.leads.routing.Strategy;
import jp.nurture.leads.routing.TargetKind;

/** A new routing rule as the admin fills it in. */
record RuleForm(String name, Long areaId, List<String> industries, List<String> employeeBands, List<String> channels,
        String existingCustomer, Integer minScore, Integer minFit, TargetKind targetKind, Long targetUserId,
        Long targetTeamId, Strategy strategy, String customKey, String customValues) {

    /** The message key of the first problem, or null when the rule can be saved. */
    String problem() {
        if (name == null || name.isBlank() || name.strip().length() > 120) {
            return "routing.rule.error.name";
        }
        if (targetKind == null) {
            return "routing.rule.error.target";
        }
        if (targetKind == TargetKind.PERSON && targetUserId == null) {
            return "routing.rule.error.person";
        }
        if (targetKind == TargetKind.TEAM && (targetTeamId == null || strategy == null)) {
            return "routing.rule.error.team";
        }
        boolean hasKey = customKey != null && !customKey.isBlank();
        if (hasKey != !values().isEmpty() || (hasKey && !customKey.strip().matches("[A-Za-z0-9_\\-]{1,60}"))
                || values().stream().anyMatch(v -> v.length() > 100)) {
            return "routing.rule.error.custom";
        }
        if ((minScore != null && (minScore < 0 || minScore > 10_000)) || (minFit != null && (minFit < 0 || minFit > 10_000))) {
            return "routing.rule.error.score";
        }
        return null;
    }

    RoutingSetup.NewRule toRule(long productId) {
        Boolean customer = "yes".equals(existingCustomer) ? Boolean.TRUE : "no".equals(existingCustomer) ? Boolean.FALSE : null;
        return new RoutingSetup.NewRule(productId, name.strip(), areaId, set(industries), set(employeeBands),
                set(channels), customer, minScore, minFit, targetKind, targetUserId, targetTeamId, strategy,
                customKey, new java.util.LinkedHashSet<>(values()));
    }

    /** The custom field values one per line or separated by commas (、 too). */
    List<String> values() {
        if (customValues == null) {
            return List.of();
        }
        return java.util.Arrays.stream(customValues.split("[,、\\r\\n]+")).map(String::strip)
                .filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values.stream().filter(v -> v != null && !v.isBlank()).toList());
    }
}
