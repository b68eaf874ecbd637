package jp.nurture.leads.routing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's side of routing: areas, teams and members, per-product settings and ordered rules. */
@Service
@Transactional(readOnly = true)
public class RoutingSetup {

    /** An area: a named set of prefectures (enum names of core's Prefecture). */
    public record SalesArea(long id, String name, Set<String> prefectures) {
    }

    /** A team with its cut, its lead and its members. */
    public record Team(long id, String name, TeamCut cut, Long leadUserId, String leadName, List<TeamMember> members) {
    }

    /** A member of a team with their capacity and current open hand-offs. */
    public record TeamMember(long userId, String name, int capacity, int open) {
    }

    /** What an admin enters for a new rule. */
    public record NewRule(long productId, String name, Long areaId, Set<String> industries, Set<String> employeeBands,
            Set<String> channels, Boolean existingCustomer, Integer minScore, Integer minFit, TargetKind targetKind,
            Long targetUserId, Long targetTeamId, Strategy strategy, String customKey, Set<String> customValues) {

        public NewRule {
            customKey = customKey == null || customKey.isBlank() ? null : customKey.strip();
            customValues = customValues == null ? Set.of()
                    : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(customValues));
        }

        /** A rule without a custom-field condition. */
        public NewRule(long productId, String name, Long areaId, Set<String> industries, Set<String> employeeBands,
                Set<String> channels, Boolean existingCustomer, Integer minScore, Integer minFit,
                TargetKind targetKind, Long targetUserId, Long targetTeamId, Strategy strategy) {
            this(productId, name, areaId, industries, employeeBands, channels, existingCustomer, minScore, minFit,
                    targetKind, targetUserId, targetTeamId, strategy, null, Set.of());
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    RoutingSetup(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<SalesArea> areas() {
        return jdbc.sql("select id, name, prefectures from sales_area order by name")
                .query((rs, n) -> new SalesArea(rs.getLong(1), rs.getString(2), strings(rs.getArray(3)))).list();
    }

    @Transactional
    public long createArea(String name, Collection<String> prefectures) {
        return jdbc.sql("""
                insert into sales_area (name, prefectures) values (?, ?)
                on conflict (name) do update set prefectures = excluded.prefectures returning id""")
                .params(name.strip(), prefectures.toArray(String[]::new)).query(Long.class).single();
    }

    public List<Team> teams() {
        Map<Long, List<TeamMember>> members = new HashMap<>();
        jdbc.sql("""
                select m.team_id, m.user_id, u.display_name, m.capacity,
                       (select count(*) from hand_off h where h.owner_id = m.user_id and h.status = 'OPEN')
                from team_member m join app_user u on u.id = m.user_id order by m.team_id, m.user_id""")
                .query((rs, n) -> members.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                        .add(new TeamMember(rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5))))
                .list();
        return jdbc.sql("""
                select t.id, t.name, t.cut, t.lead_user_id, u.display_name
                from sales_team t left join app_user u on u.id = t.lead_user_id order by t.name""")
                .query((rs, n) -> new Team(rs.getLong(1), rs.getString(2), TeamCut.valueOf(rs.getString(3)),
                        (Long) rs.getObject(4), rs.getString(5), members.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    @Transactional
    public long createTeam(String name, TeamCut cut, Long leadUserId) {
        return jdbc.sql("insert into sales_team (name, cut, lead_user_id) values (?, ?, ?) returning id")
                .params(name.strip(), cut.name(), leadUserId).query(Long.class).single();
    }

    /** Adds a member or changes their capacity. */
    @Transactional
    public void putMember(long teamId, long userId, int capacity) {
        jdbc.sql("""
                insert into team_member (team_id, user_id, capacity) values (?, ?, ?)
                on conflict (team_id, user_id) do update set capacity = excluded.capacity""")
                .params(teamId, userId, capacity).update();
    }

    @Transactional
    public void removeMember(long teamId, long userId) {
        jdbc.sql("delete from team_member where team_id = ? and user_id = ?").params(teamId, userId).update();
    }

    public RoutingSettings settings(long productId) {
        return jdbc.sql("""
                select product_id, account_owner_first, route_hot_directly, fallback_owner_id, sla_business_days,
                       reassign_when_overdue, return_reasons
                from routing_setting where product_id = ?""")
                .param(productId)
                .query((rs, n) -> new RoutingSettings(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3),
                        (Long) rs.getObject(4), rs.getInt(5), rs.getBoolean(6), List.copyOf(strings(rs.getArray(7)))))
                .optional().orElse(RoutingSettings.defaults(productId));
    }

    @Transactional
    public void saveSettings(RoutingSettings s) {
        jdbc.sql("""
                insert into routing_setting (product_id, account_owner_first, route_hot_directly, fallback_owner_id,
                                             sla_business_days, reassign_when_overdue, return_reasons)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (product_id) do update set account_owner_first = excluded.account_owner_first,
                    route_hot_directly = excluded.route_hot_directly, fallback_owner_id = excluded.fallback_owner_id,
                    sla_business_days = excluded.sla_business_days,
                    reassign_when_overdue = excluded.reassign_when_overdue, return_reasons = excluded.return_reasons""")
                .params(s.productId(), s.accountOwnerFirst(), s.routeHotDirectly(), s.fallbackOwnerId(),
                        s.slaBusinessDays(), s.reassignWhenOverdue(), s.returnReasons().toArray(String[]::new))
                .update();
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("accountOwnerFirst", s.accountOwnerFirst());
        detail.put("routeHotDirectly", s.routeHotDirectly());
        detail.put("fallbackOwnerId", s.fallbackOwnerId());
        detail.put("slaBusinessDays", s.slaBusinessDays());
        detail.put("reassignWhenOverdue", s.reassignWhenOverdue());
        audit.record(AuditAction.ROUTING_SETTINGS_SAVED, "PRODUCT", s.productId(), s.productId(), detail);
    }

    /** The product's rules in order, disabled ones included. */
    public List<RoutingRule> rules(long productId) {
        return rules(List.of(productId)).getOrDefault(productId, List.of());
    }

    Map<Long, List<RoutingRule>> rules(Collection<Long> productIds) {
        Map<Long, List<RoutingRule>> byProduct = new HashMap<>();
        jdbc.sql("""
                select r.id, r.product_id, r.position, r.name, r.enabled, r.area_id, a.name, a.prefectures,
                       r.industries, r.employee_bands, r.channels, r.existing_customer, r.min_score, r.min_fit,
                       r.target_kind, r.target_user_id, r.target_team_id, r.strategy, r.custom_key, r.custom_values
                from routing_rule r left join sales_area a on a.id = r.area_id
                where r.product_id = any(?) order by r.product_id, r.position, r.id""")
                .param(productIds.toArray(Long[]::new))
                .query(RoutingSetup::rule).list()
                .forEach(r -> byProduct.computeIfAbsent(r.productId(), k -> new java.util.ArrayList<>()).add(r));
        return byProduct;
    }

    @Transactional
    public long addRule(NewRule r) {
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from routing_rule where product_id = ?")
                .param(r.productId()).query(Integer.class).single();
        long id = jdbc.sql("""
                insert into routing_rule (product_id, position, name, area_id, industries, employee_bands, channels,
                    existing_customer, min_score, min_fit, target_kind, target_user_id, target_team_id, strategy,
                    custom_key, custom_values)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.productId(), position, r.name().strip(), r.areaId(), r.industries().toArray(String[]::new),
                        r.employeeBands().toArray(String[]::new), r.channels().toArray(String[]::new),
                        r.existingCustomer(), r.minScore(), r.minFit(), r.targetKind().name(),
                        r.targetKind() == TargetKind.PERSON ? r.targetUserId() : null,
                        r.targetKind() == TargetKind.TEAM ? r.targetTeamId() : null,
                        r.targetKind() == TargetKind.TEAM ? r.strategy().name() : null,
                        r.customValues().isEmpty() ? null : r.customKey(),
                        r.customKey() == null ? new String[0] : r.customValues().toArray(String[]::new))
                .query(Long.class).single();
        audit.record(AuditAction.ROUTING_RULE_ADDED, "ROUTING_RULE", id, r.productId(),
                Map.of("name", r.name().strip(), "target", r.targetKind().name(), "position", position));
        return id;
    }

    @Transactional
    public void deleteRule(long productId, long ruleId) {
        String name = jdbc.sql("select name from routing_rule where id = ? and product_id = ?")
                .params(ruleId, productId).query(String.class).optional().orElse(null);
        if (jdbc.sql("delete from routing_rule where id = ? and product_id = ?").params(ruleId, productId).update() > 0) {
            audit.record(AuditAction.ROUTING_RULE_DELETED, "ROUTING_RULE", ruleId, productId, Map.of("name", name));
        }
    }

    @Transactional
    public void enableRule(long productId, long ruleId, boolean enabled) {
        if (jdbc.sql("update routing_rule set enabled = ? where id = ? and product_id = ? and enabled <> ?")
                .params(enabled, ruleId, productId, enabled).update() > 0) {
            audit.record(enabled ? AuditAction.ROUTING_RULE_ENABLED : AuditAction.ROUTING_RULE_DISABLED,
                    "ROUTING_RULE", ruleId, productId, Map.of());
        }
    }

    /** Swaps the rule with the one above it. */
    @Transactional
    public void moveRuleUp(long productId, long ruleId) {
        List<RoutingRule> rules = rules(productId);
        for (int i = 1; i < rules.size(); i++) {
            if (rules.get(i).id() == ruleId) {
                RoutingRule above = rules.get(i - 1);
                RoutingRule me = rules.get(i);
                jdbc.sql("update routing_rule set position = ? where id = ?").params(above.position(), me.id()).update();
                jdbc.sql("update routing_rule set position = ? where id = ?").params(me.position(), above.id()).update();
                if (above.position() == me.position()) {
                    jdbc.sql("update routing_rule set position = position + 1 where id = ?").param(above.id()).update();
                }
                audit.record(AuditAction.ROUTING_RULE_MOVED, "ROUTING_RULE", ruleId, productId,
                        Map.of("above", above.id()));
                return;
            }
        }
    }

    /** The teams routing picks from, with their members in id order and their round-robin cursors. */
    Map<Long, TeamRoster> rosters() {
        Map<Long, List<TeamRoster.Member>> members = new HashMap<>();
        jdbc.sql("""
                select m.team_id, m.user_id, u.display_name, m.capacity
                from team_member m join app_user u on u.id = m.user_id
                where u.enabled order by m.team_id, m.user_id""")
                .query((rs, n) -> members.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                        .add(new TeamRoster.Member(rs.getLong(2), rs.getString(3), rs.getInt(4))))
                .list();
        Map<Long, TeamRoster> teams = new HashMap<>();
        jdbc.sql("select id, name, lead_user_id, rr_cursor from sales_team")
                .query((rs, n) -> teams.put(rs.getLong(1), new TeamRoster(rs.getLong(1), rs.getString(2),
                        (Long) rs.getObject(3), members.getOrDefault(rs.getLong(1), List.of()), rs.getLong(4))))
                .list();
        return teams;
    }

    /** Open hand-offs per owner. */
    Map<Long, Integer> openLoads() {
        Map<Long, Integer> loads = new HashMap<>();
        jdbc.sql("select owner_id, count(*) from hand_off where status = 'OPEN' group by owner_id")
                .query((rs, n) -> loads.put(rs.getLong(1), rs.getInt(2))).list();
        return loads;
    }

    private static RoutingRule rule(ResultSet rs, int n) throws SQLException {
        String strategy = rs.getString(18);
        return new RoutingRule(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5),
                (Long) rs.getObject(6), rs.getString(7), strings(rs.getArray(8)), strings(rs.getArray(9)),
                strings(rs.getArray(10)), strings(rs.getArray(11)), (Boolean) rs.getObject(12),
                (Integer) rs.getObject(13), (Integer) rs.getObject(14), TargetKind.valueOf(rs.getString(15)),
                (Long) rs.getObject(16), (Long) rs.getObject(17), strategy == null ? null : Strategy.valueOf(strategy),
                rs.getString(19), strings(rs.getArray(20)));
    }

    static Set<String> strings(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
    }
}
