package jp.nurture.leads.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One ordered rule of a product: conditions that must all hold (an empty condition holds for every lead) and a
 * target. A small policy object with no framework in it, so the preview, the live routing and the benchmark all
 * decide the same way.
 */
public record RoutingRule(long id, long productId, int position, String name, boolean enabled, Long areaId,
        String areaName, Set<String> areaPrefectures, Set<String> industries, Set<String> employeeBands,
        Set<String> channels, Boolean existingCustomer, Integer minScore, Integer minFit, TargetKind targetKind,
        Long targetUserId, Long targetTeamId, Strategy strategy, String customKey, Set<String> customValues) {

    public RoutingRule {
        // In the order the admin typed them, so the rules page shows them as entered.
        customValues = customValues == null ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(customValues));
    }

    /** A rule without a custom-field condition. */
    public RoutingRule(long id, long productId, int position, String name, boolean enabled, Long areaId,
            String areaName, Set<String> areaPrefectures, Set<String> industries, Set<String> employeeBands,
            Set<String> channels, Boolean existingCustomer, Integer minScore, Integer minFit, TargetKind targetKind,
            Long targetUserId, Long targetTeamId, Strategy strategy) {
        this(id, productId, position, name, enabled, areaId, areaName, areaPrefectures, industries, employeeBands,
                channels, existingCustomer, minScore, minFit, targetKind, targetUserId, targetTeamId, strategy, null,
                Set.of());
    }

    /** The reasons this rule matches the lead, or null when one of its conditions does not hold. */
    public List<Reason> match(LeadFacts lead) {
        List<Reason> why = new ArrayList<>();
        if (areaId != null) {
            if (lead.prefecture() == null || !areaPrefectures.contains(lead.prefecture())) {
                return null;
            }
            why.add(Reason.of("AREA", areaName));
        }
        if (!industries.isEmpty()) {
            if (lead.industry() == null || !industries.contains(lead.industry())) {
                return null;
            }
            why.add(Reason.of("INDUSTRY", lead.industry()));
        }
        if (!employeeBands.isEmpty()) {
            if (lead.employeeBand() == null || !employeeBands.contains(lead.employeeBand())) {
                return null;
            }
            why.add(Reason.of("EMPLOYEES", lead.employeeBand()));
        }
        if (!channels.isEmpty()) {
            if (lead.channel() == null || !channels.contains(lead.channel())) {
                return null;
            }
            why.add(Reason.of("CHANNEL", lead.channel()));
        }
        if (existingCustomer != null) {
            if (existingCustomer != lead.existingCustomer()) {
                return null;
            }
            why.add(Reason.of(existingCustomer ? "IS_CUSTOMER" : "NOT_CUSTOMER", ""));
        }
        if (minScore != null) {
            if (lead.score() < minScore) {
                return null;
            }
            why.add(Reason.of("SCORE", minScore));
        }
        if (minFit != null) {
            if (lead.fitScore() < minFit) {
                return null;
            }
            why.add(Reason.of("FIT", minFit));
        }
        if (customKey != null && !customValues.isEmpty()) {
            String value = lead.custom().get(customKey);
            if (value == null || !customValues.contains(value.strip())) {
                return null;
            }
            why.add(Reason.of("CUSTOM", customKey + "=" + value.strip()));
        }
        if (why.isEmpty()) {
            why.add(Reason.of("ANY", ""));
        }
        return why;
    }
}
