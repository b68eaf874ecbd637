package jp.nurture.leads.bench.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.core.party.Area;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.routing.RoutingService;
import jp.nurture.leads.routing.RoutingSettings;
import jp.nurture.leads.routing.RoutingSetup;
import jp.nurture.leads.routing.Strategy;
import jp.nurture.leads.routing.TargetKind;
import jp.nurture.leads.routing.TeamCut;
import jp.nurture.leads.routing.Trigger;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Routes 10,000 converted hot leads to 100 field-sales members in 10 teams through 50 rules per product, the way
 * the app does (lock, decide against one snapshot of the organisation, one INSERT per batch, ROUTED activities),
 * and prints the median beside a plain set-based INSERT … SELECT of the same 10,000 hand-off rows measured in the
 * same run. Uses SPRING_DATASOURCE_URL when set, else an embedded PostgreSQL under target/.
 */
public final class RoutingBench {

    static final int LEADS = 10_000;
    static final int TEAMS = 10;
    static final int MEMBERS_PER_TEAM = 10;
    static final int RULES = 50;
    static final int RUNS = 5;

    private RoutingBench() {
    }

    public static void main(String[] args) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(LeadsApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("leads.demo-data.enabled=false", "server.port=0", "leads.routing.retry-every=PT1H",
                        "leads.routing.sla-check-every=PT1H", "logging.level.root=WARN", "logging.level.jp.nurture.leads.routing.RoutingService=DEBUG",
                        "leads.embedded-db.data-dir=target/bench-postgres", "leads.embedded-db.port=5499");
        try (ConfigurableApplicationContext context = app.run(args)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            RoutingSetup setup = context.getBean(RoutingSetup.class);
            RoutingService routing = context.getBean(RoutingService.class);
            String tag = Long.toString(System.currentTimeMillis(), 36);
            long product = organise(jdbc, setup, tag);
            List<Long> leads = leads(jdbc, product, tag);
            System.out.printf("Data: %,d converted hot leads, %d field-sales members in %d teams, %d rules%n",
                    leads.size(), TEAMS * MEMBERS_PER_TEAM, TEAMS, RULES);

            long[] routed = new long[RUNS];
            long[] reference = new long[RUNS];
            List<Long> firstMember = jdbc.sql("""
                    select min(m.user_id) from team_member m join sales_team t on t.id = m.team_id
                    where t.name like ? group by t.id order by t.id""").param("bench-" + tag + "-%")
                    .query(Long.class).list();
            // One warm-up round of each (JIT, caches), not counted.
            for (int run = -1; run < RUNS; run++) {
                reset(jdbc, leads);
                long r = millis(() -> {
                    RoutingService.Outcome outcome = routing.route(leads, Trigger.CONVERTED, false);
                    if (outcome.handOffIds().size() != leads.size()) {
                        throw new IllegalStateException("routed " + outcome.handOffIds().size() + " of " + leads.size()
                                + ", unrouted " + outcome.unrouted().size());
                    }
                    return outcome.handOffIds().size();
                });
                reset(jdbc, leads);
                long ref = millis(() -> jdbc.sql("""
                        insert into hand_off (lead_id, product_id, owner_id, rule_name, trigger, status, routed_at, due_at)
                        select l.id, l.product_id, (?::bigint[])[1 + l.id % ?], 'reference', 'CONVERTED', 'OPEN', now(),
                               now() + interval '2 days'
                        from lead l where l.id = any(?)""")
                        .params(firstMember.toArray(Long[]::new), firstMember.size(), leads.toArray(Long[]::new))
                        .update());
                if (run < 0) {
                    continue;
                }
                routed[run] = r;
                reference[run] = ref;
                System.out.printf("run %d: routing %,d ms, reference INSERT … SELECT %,d ms%n", run + 1, r, ref);
            }
            reset(jdbc, leads);
            long medianRouting = median(routed);
            long medianReference = median(reference);
            System.out.printf("Routing %,d leads: median %,d ms (%,.0f leads/s); reference set-based INSERT … SELECT of "
                    + "the same hand-off rows: median %,d ms; ratio %.1fx; target ≤ 2,000 ms%n", leads.size(),
                    medianRouting, leads.size() * 1000.0 / Math.max(1, medianRouting), medianReference,
                    (double) medianRouting / Math.max(1, medianReference));
            System.out.printf("(Odoo, for comparison, took 81 s for 2,759 leads to 82 people.)%n");
            cleanUp(jdbc, product, leads, tag);
        }
        System.exit(0);
    }

    /** 100 members in 10 teams, an area per team, 50 rules: 40 that rarely match, then area rules to teams. */
    private static long organise(JdbcClient jdbc, RoutingSetup setup, String tag) {
        long product = jdbc.sql("insert into product (code, name) values (?, ?) returning id")
                .params("BENCH-" + tag.toUpperCase(), "ベンチマーク " + tag).query(Long.class).single();
        List<Long> users = jdbc.sql("""
                insert into app_user (username, display_name, email, password_hash)
                select 'bench-' || ? || '-' || g, 'ベンチ営業 ' || g, 'bench-' || ? || '-' || g || '@example.jp', '{noop}x'
                from generate_series(1, ?) g returning id""")
                .params(tag, tag, TEAMS * MEMBERS_PER_TEAM).query(Long.class).list();
        jdbc.sql("insert into user_role (user_id, role) select unnest(?::bigint[]), 'FIELD_SALES'")
                .param(users.toArray(Long[]::new)).update();
        Area[] areas = Area.values();
        Strategy[] strategies = Strategy.values();
        List<Long> teams = new ArrayList<>();
        List<Long> teamAreas = new ArrayList<>();
        for (int t = 0; t < TEAMS; t++) {
            long team = setup.createTeam("bench-" + tag + "-" + t, TeamCut.AREA, users.get(t * MEMBERS_PER_TEAM));
            for (int m = 0; m < MEMBERS_PER_TEAM; m++) {
                setup.putMember(team, users.get(t * MEMBERS_PER_TEAM + m), 5_000);
            }
            teams.add(team);
            Area area = areas[t % areas.length];
            teamAreas.add(setup.createArea("bench-" + tag + "-" + t, Arrays.stream(Prefecture.values())
                    .filter(p -> p.area() == area).map(Enum::name).toList()));
        }
        setup.saveSettings(new RoutingSettings(product, true, false, users.get(0), 2, false, List.of()));
        int added = 0;
        for (; added < RULES - TEAMS; added++) {
            // Rules a lead has to be checked against and passes by: public sector in an area, high fit.
            setup.addRule(new RoutingSetup.NewRule(product, "rare-" + added, teamAreas.get(added % TEAMS),
                    Set.of(Industry.PUBLIC_SECTOR.name()), Set.of(), Set.of(), null, null, 10_000, TargetKind.PERSON,
                    users.get(added % users.size()), null, null));
        }
        for (int t = 0; t < TEAMS; t++, added++) {
            setup.addRule(new RoutingSetup.NewRule(product, "area-" + t, t < TEAMS - 1 ? teamAreas.get(t) : null,
                    Set.of(), Set.of(), Set.of(), null, null, null, TargetKind.TEAM, null, teams.get(t),
                    strategies[t % strategies.length]));
        }
        return product;
    }

    /** 10,000 companies across all prefectures (one in ten an existing customer), a person and a lead at each. */
    private static List<Long> leads(JdbcClient jdbc, long product, String tag) {
        String[] prefectures = Arrays.stream(Prefecture.values()).map(Enum::name).toArray(String[]::new);
        jdbc.sql("""
                insert into company (name, normalized_name, industry, employee_band, prefecture, existing_customer,
                                     account_owner_id)
                select 'ベンチ社 ' || ? || '-' || g, 'bench' || ? || g, (array['IT','MANUFACTURING','RETAIL','FINANCE'])[1 + g % 4],
                       'FROM_300', (?::text[])[1 + g % 47], g % 10 = 0,
                       case when g % 10 = 0 then (select min(id) from app_user where username like ?) end
                from generate_series(1, ?) g""")
                .params(tag, tag, prefectures, "bench-" + tag + "-%", LEADS).update();
        jdbc.sql("""
                insert into person (company_id, full_name, email)
                select c.id, 'ベンチ 太郎 ' || c.id, 'bench-' || ? || '-' || c.id || '@example.jp'
                from company c where c.normalized_name like ?""")
                .params(tag, "bench" + tag + "%").update();
        return jdbc.sql("""
                insert into lead (person_id, product_id, stage, source_channel, hot, fit_score, engagement_score, score)
                select p.id, ?, 'CONVERTED', 'WEB_FORM', true, 40, 30, 70
                from person p where p.email like ? order by p.id
                returning id""")
                .params(product, "bench-" + tag + "-%").query(Long.class).list();
    }

    private static void reset(JdbcClient jdbc, List<Long> leads) {
        Long[] ids = leads.toArray(Long[]::new);
        jdbc.sql("delete from account_notice where hand_off_id in (select id from hand_off where lead_id = any(?))")
                .param(ids).update();
        jdbc.sql("delete from hand_off where lead_id = any(?)").param(ids).update();
        jdbc.sql("delete from activity where lead_id = any(?)").param(ids).update();
        jdbc.sql("delete from routing_failure where lead_id = any(?)").param(ids).update();
        jdbc.sql("vacuum analyze hand_off").update();
    }

    private static void cleanUp(JdbcClient jdbc, long product, List<Long> leads, String tag) {
        reset(jdbc, leads);
        // Scoring keeps its own rows per lead and product: remove them before the leads and the product.
        jdbc.sql("delete from scoring_queue where product_id = ?").param(product).update();
        jdbc.sql("delete from lead_score_history where product_id = ?").param(product).update();
        jdbc.sql("delete from lead where product_id = ?").param(product).update();
        jdbc.sql("delete from person where email like ?").param("bench-" + tag + "-%").update();
        jdbc.sql("delete from company where normalized_name like ?").param("bench" + tag + "%").update();
        jdbc.sql("delete from routing_rule where product_id = ?").param(product).update();
        jdbc.sql("delete from routing_setting where product_id = ?").param(product).update();
        jdbc.sql("delete from sales_team where name like ?").param("bench-" + tag + "-%").update();
        jdbc.sql("delete from sales_area where name like ?").param("bench-" + tag + "-%").update();
        jdbc.sql("delete from user_role where user_id in (select id from app_user where username like ?)")
                .param("bench-" + tag + "-%").update();
        jdbc.sql("delete from app_user where username like ?").param("bench-" + tag + "-%").update();
        jdbc.sql("delete from scoring_decay_run where product_id = ?").param(product).update();
        jdbc.sql("delete from scoring_model where product_id = ?").param(product).update();
        jdbc.sql("delete from product where id = ?").param(product).update();
    }

    private static long millis(LongSupplier work) {
        long start = System.nanoTime();
        work.getAsLong();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
