package jp.nurture.leads.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the one accountable owner of a lead: the built-in "existing customer → account owner" rule (unless
 * switched off), then the product's rules in order, then the fallback owner. Works on a snapshot of the
 * organisation and keeps the open hand-off counts up to date as it decides, so a batch of ten thousand leads is
 * spread the way one lead at a time would be.
 */
public final class Router {

    private final RoutingSettings settings;
    private final List<RoutingRule> rules;
    private final Map<Long, TeamRoster> teams;
    private final Map<Long, Integer> openLoads;

    /**
     * @param openLoads open hand-offs per user; updated in place as leads are given out
     */
    public Router(RoutingSettings settings, List<RoutingRule> rules, Map<Long, TeamRoster> teams,
            Map<Long, Integer> openLoads) {
        this.settings = settings;
        this.rules = rules.stream().filter(RoutingRule::enabled)
                .sorted(Comparator.comparingInt(RoutingRule::position).thenComparingLong(RoutingRule::id)).toList();
        this.teams = teams;
        this.openLoads = openLoads;
    }

    /** Decides and counts the hand-off against the chosen owner. */
    public RoutingDecision route(LeadFacts lead) {
        return route(lead, Set.of(), true);
    }

    /** Decides without counting it: the preview. */
    public RoutingDecision preview(LeadFacts lead) {
        return route(lead, Set.of(), false);
    }

    /** Decides again, leaving out people who already had the lead (an overdue hand-off moving on). */
    public RoutingDecision routeExcluding(LeadFacts lead, Set<Long> excluded) {
        return route(lead, excluded, true);
    }

    private RoutingDecision route(LeadFacts lead, Set<Long> excluded, boolean commit) {
        List<Reason> trail = new ArrayList<>();
        if (settings.accountOwnerFirst() && lead.existingCustomer()) {
            if (lead.accountOwnerId() != null && !excluded.contains(lead.accountOwnerId())) {
                trail.add(Reason.of("EXISTING_CUSTOMER", lead.companyName()));
                return decided(lead.accountOwnerId(), null, null, RoutingDecision.ACCOUNT_OWNER_RULE, trail, commit);
            }
            trail.add(Reason.of("NO_ACCOUNT_OWNER", lead.companyName()));
        }
        for (RoutingRule rule : rules) {
            List<Reason> why = rule.match(lead);
            if (why == null) {
                continue;
            }
            switch (rule.targetKind()) {
                case ACCOUNT_OWNER -> {
                    if (lead.accountOwnerId() != null && !excluded.contains(lead.accountOwnerId())) {
                        why.add(Reason.of("ACCOUNT_OWNER", lead.companyName()));
                        return decided(lead.accountOwnerId(), null, rule, why, trail, commit);
                    }
                    trail.add(Reason.of("SKIPPED_NO_ACCOUNT_OWNER", rule.name()));
                }
                case PERSON -> {
                    if (!excluded.contains(rule.targetUserId())) {
                        return decided(rule.targetUserId(), null, rule, why, trail, commit);
                    }
                    trail.add(Reason.of("SKIPPED_ALREADY_HAD", rule.name()));
                }
                case TEAM -> {
                    TeamRoster team = teams.get(rule.targetTeamId());
                    TeamRoster.Member member = team == null ? null : pick(team, rule.strategy(), excluded, commit);
                    if (member != null) {
                        why.add(Reason.of("TEAM_" + rule.strategy().name(), team.name()));
                        return decided(member.userId(), team.id(), rule, why, trail, commit);
                    }
                    trail.add(Reason.of("SKIPPED_TEAM_FULL", team == null ? rule.name() : team.name()));
                }
            }
        }
        if (settings.fallbackOwnerId() != null && !excluded.contains(settings.fallbackOwnerId())) {
            trail.add(Reason.of("FALLBACK", ""));
            return decided(settings.fallbackOwnerId(), null, null, RoutingDecision.FALLBACK_RULE, trail, commit);
        }
        trail.add(Reason.of("NOBODY", ""));
        return new RoutingDecision(null, null, null, null, List.copyOf(trail));
    }

    private RoutingDecision decided(Long owner, Long teamId, RoutingRule rule, List<Reason> why, List<Reason> trail,
            boolean commit) {
        List<Reason> all = new ArrayList<>(trail);
        all.add(Reason.of("RULE", rule.name()));
        all.addAll(why);
        return decided(owner, teamId, rule.id(), rule.name(), all, commit);
    }

    private RoutingDecision decided(Long owner, Long teamId, Long ruleId, String ruleName, List<Reason> reasons,
            boolean commit) {
        if (commit) {
            openLoads.merge(owner, 1, Integer::sum);
        }
        return new RoutingDecision(owner, teamId, ruleId, ruleName, List.copyOf(reasons));
    }

    private TeamRoster.Member pick(TeamRoster team, Strategy strategy, Set<Long> excluded, boolean commit) {
        List<TeamRoster.Member> members = team.members();
        if (members.isEmpty()) {
            return null;
        }
        switch (strategy) {
            case ROUND_ROBIN -> {
                int n = members.size();
                for (int i = 0; i < n; i++) {
                    int at = (int) ((team.cursor() + i) % n);
                    TeamRoster.Member m = members.get(at);
                    if (available(m, excluded)) {
                        if (commit) {
                            team.advanceTo(team.cursor() + i + 1);
                        }
                        return m;
                    }
                }
                return null;
            }
            case LEAST_LOADED -> {
                return members.stream().filter(m -> available(m, excluded))
                        .min(Comparator.comparingInt((TeamRoster.Member m) -> load(m.userId()))
                                .thenComparingLong(TeamRoster.Member::userId))
                        .orElse(null);
            }
            case CAPACITY_WEIGHTED -> {
                return members.stream().filter(m -> available(m, excluded))
                        .min(Comparator.comparingDouble((TeamRoster.Member m) -> (load(m.userId()) + 1.0) / m.capacity())
                                .thenComparing(Comparator.comparingInt(TeamRoster.Member::capacity).reversed())
                                .thenComparingLong(TeamRoster.Member::userId))
                        .orElse(null);
            }
            default -> throw new IllegalStateException(strategy.name());
        }
    }

    private boolean available(TeamRoster.Member m, Set<Long> excluded) {
        return !excluded.contains(m.userId()) && load(m.userId()) < m.capacity();
    }

    private int load(long userId) {
        return openLoads.getOrDefault(userId, 0);
    }
}
