package jp.nurture.leads.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The routing policy: built-in account-owner rule, ordered rules, team strategies, capacity and fallback. */
class RouterTest {

    static final long PRODUCT = 1;
    static final long ACCOUNT_OWNER = 900;
    static final long FALLBACK = 999;
    static final long NAMED = 500;

    final Map<Long, Integer> loads = new HashMap<>();
    final Map<Long, TeamRoster> teams = new HashMap<>(Map.of(
            10L, new TeamRoster(10, "東北チーム", 100L, List.of(member(101, 2), member(102, 2), member(103, 2)), 0),
            20L, new TeamRoster(20, "関東チーム", 200L, List.of(member(201, 1), member(202, 3)), 0)));

    final RoutingRule tohoku = teamRule(1, 1, "東北エリア", Set.of("MIYAGI", "AOMORI"), 10, Strategy.ROUND_ROBIN);
    final RoutingRule kanto = teamRule(2, 2, "関東エリア", Set.of("TOKYO", "KANAGAWA"), 20, Strategy.CAPACITY_WEIGHTED);
    final RoutingRule bigIt = new RoutingRule(3, PRODUCT, 0, "大手IT", true, null, null, Set.of(), Set.of("IT"),
            Set.of(), Set.of(), null, 50, null, TargetKind.PERSON, NAMED, null, null);

    Router router(RoutingSettings settings, RoutingRule... rules) {
        return new Router(settings, List.of(rules), teams, loads);
    }

    RoutingSettings settings(boolean accountOwnerFirst, Long fallback) {
        return new RoutingSettings(PRODUCT, accountOwnerFirst, false, fallback, 2, false, List.of());
    }

    @Test
    void existingCustomerGoesToItsAccountOwnerBeforeAnyRule() {
        RoutingDecision d = router(settings(true, FALLBACK), tohoku).route(lead("MIYAGI", "IT", true, 0));
        assertThat(d.ownerId()).isEqualTo(ACCOUNT_OWNER);
        assertThat(d.ruleName()).isEqualTo(RoutingDecision.ACCOUNT_OWNER_RULE);
        assertThat(d.reasons()).extracting(Reason::code).containsExactly("EXISTING_CUSTOMER");
    }

    @Test
    void theBuiltInRuleCanBeSwitchedOff() {
        RoutingDecision d = router(settings(false, FALLBACK), tohoku).route(lead("MIYAGI", "IT", true, 0));
        assertThat(d.ownerId()).isEqualTo(101);
        assertThat(d.ruleName()).isEqualTo("東北エリア");
        assertThat(d.reasons()).extracting(Reason::code).containsExactly("RULE", "AREA", "TEAM_ROUND_ROBIN");
    }

    @Test
    void rulesAreTriedInOrderAndTheFirstMatchWins() {
        Router router = router(settings(true, FALLBACK), bigIt, tohoku);
        assertThat(router.route(lead("MIYAGI", "IT", false, 80)).ownerId()).isEqualTo(NAMED);
        assertThat(router.route(lead("MIYAGI", "IT", false, 10)).ownerId()).isEqualTo(101);
    }

    @Test
    void roundRobinTakesTurnsAndSkipsMembersAtCapacity() {
        Router router = router(settings(true, FALLBACK), tohoku);
        loads.put(102L, 2);
        List<Long> owners = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> router.route(lead("AOMORI", "RETAIL", false, 0)).ownerId()).toList();
        assertThat(owners).containsExactly(101L, 103L, 101L, 103L);
        assertThat(loads).containsEntry(101L, 2).containsEntry(103L, 2);
        RoutingDecision full = router.route(lead("AOMORI", "RETAIL", false, 0));
        assertThat(full.ownerId()).isEqualTo(FALLBACK);
        assertThat(full.reasons()).extracting(Reason::code).containsExactly("SKIPPED_TEAM_FULL", "FALLBACK");
    }

    @Test
    void capacityWeightedFillsBiggerCapacityFirst() {
        Router router = router(settings(true, FALLBACK), kanto);
        List<Long> owners = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> router.route(lead("TOKYO", "IT", false, 0)).ownerId()).toList();
        assertThat(owners).containsExactlyInAnyOrder(202L, 202L, 202L, 201L);
    }

    @Test
    void leastLoadedPicksTheMemberWithFewestOpenHandOffs() {
        RoutingRule rule = teamRule(4, 1, "東北最少", Set.of("MIYAGI"), 10, Strategy.LEAST_LOADED);
        loads.put(101L, 1);
        loads.put(102L, 0);
        loads.put(103L, 1);
        assertThat(router(settings(true, null), rule).route(lead("MIYAGI", null, false, 0)).ownerId()).isEqualTo(102);
    }

    @Test
    void nobodyIsAnExplainedOutcomeNotASilentOne() {
        RoutingDecision d = router(settings(true, null), tohoku).route(lead("OSAKA", "IT", false, 0));
        assertThat(d.found()).isFalse();
        assertThat(d.reasons()).extracting(Reason::code).containsExactly("NOBODY");
    }

    @Test
    void previewDoesNotCountTheLead() {
        Router router = router(settings(true, FALLBACK), tohoku);
        assertThat(router.preview(lead("MIYAGI", null, false, 0)).ownerId()).isEqualTo(101);
        assertThat(router.preview(lead("MIYAGI", null, false, 0)).ownerId()).isEqualTo(101);
        assertThat(loads).isEmpty();
    }

    @Test
    void reassignmentLeavesOutWhoeverHadTheLead() {
        Router router = router(settings(true, FALLBACK), tohoku);
        assertThat(router.routeExcluding(lead("MIYAGI", null, false, 0), Set.of(101L)).ownerId()).isEqualTo(102);
    }

    @Test
    void aSolutionRuleRoutesByTheLeadsCustomFieldValue() {
        RoutingRule mes = new RoutingRule(4, PRODUCT, 0, "MESソリューション", true, null, null, Set.of(), Set.of(),
                Set.of(), Set.of(), null, null, null, TargetKind.PERSON, NAMED, null, null, "solution",
                Set.of("MES", "生産スケジューラ"));
        Router router = router(settings(true, FALLBACK), mes, tohoku);
        LeadFacts base = lead("MIYAGI", "MANUFACTURING", false, 0);

        RoutingDecision d = router.route(withCustom(base, Map.of("solution", "MES", "units", "40")));
        assertThat(d.ownerId()).isEqualTo(NAMED);
        assertThat(d.reasons()).extracting(Reason::code).contains("CUSTOM");
        assertThat(router.route(withCustom(base, Map.of("solution", " 生産スケジューラ "))).ownerId()).isEqualTo(NAMED);
        // Another solution, or none, falls through to the area team.
        assertThat(router.route(withCustom(base, Map.of("solution", "IoT"))).ruleName()).isEqualTo("東北エリア");
        assertThat(router.route(base).ruleName()).isEqualTo("東北エリア");
    }

    static LeadFacts withCustom(LeadFacts f, Map<String, String> custom) {
        return new LeadFacts(f.leadId(), f.productId(), f.companyId(), f.companyName(), f.prefecture(), f.industry(),
                f.employeeBand(), f.channel(), f.existingCustomer(), f.accountOwnerId(), f.score(), f.fitScore(),
                f.insideOwnerId(), custom);
    }

    static TeamRoster.Member member(long id, int capacity) {
        return new TeamRoster.Member(id, "m" + id, capacity);
    }

    static RoutingRule teamRule(long id, int position, String name, Set<String> prefectures, long team,
            Strategy strategy) {
        return new RoutingRule(id, PRODUCT, position, name, true, id * 100, name, prefectures, Set.of(), Set.of(),
                Set.of(), null, null, null, TargetKind.TEAM, null, team, strategy);
    }

    static LeadFacts lead(String prefecture, String industry, boolean customer, int score) {
        return new LeadFacts(1, PRODUCT, 7L, "株式会社テスト", prefecture, industry, "FROM_300", "WEB_FORM", customer,
                customer ? ACCOUNT_OWNER : null, score, score / 2, 42L);
    }
}
