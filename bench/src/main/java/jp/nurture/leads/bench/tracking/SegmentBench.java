package jp.nurture.leads.bench.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.segment.Segments;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Segment counts at volume: 1M leads (3 products, 1M people at 100k companies) and 20M activities over the last
 * two years, generated set-based in SQL by {@link #generate} the first time (about 10 minutes here; later runs reuse
 * the data). Then each seed example is counted five times through the real compiler and the median printed, next
 * to a plain {@code count(*)} of the product's leads measured in the same run as the reference.
 *
 * <p>The generator: activity times rise with the row number over 730 days (so BRIN on occurred_at works as it does
 * for real, append-only data), each activity belongs to a uniformly random lead and that lead's product; 70% are
 * page views of 500 URLs about 20 topics T0..T19 (seven in ten of a lead's views are about "their" topic, as
 * interested people read on), 2% exhibition visits, the rest e-mail, forms,
 * seminars, downloads and calls. It loads with foreign-key triggers off and the activity indexes dropped, then
 * rebuilds exactly the indexes of the migration and analyses.
 *
 * <p>Needs a PostgreSQL database of its own in SPRING_DATASOURCE_URL (about 6 GB).
 */
public final class SegmentBench {

    static final int LEADS = 1_000_000;
    static final int COMPANIES = 100_000;
    static final long ACTIVITIES = 20_000_000L;

    private SegmentBench() {
    }

    public static void main(String[] args) throws SQLException {
        ConfigurableApplicationContext app = SpringApplication.run(LeadsApplication.class,
                "--server.port=0", "--leads.demo-data.enabled=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Segments segments = app.getBean(Segments.class);
            if (jdbc.sql("select count(*) from lead").query(Long.class).single() < LEADS) {
                long started = System.nanoTime();
                try (Connection connection = app.getBean(DataSource.class).getConnection()) {
                    // One connection, so the session settings of the bulk load apply to every statement.
                    connection.setAutoCommit(true);
                    generate(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
                }
                System.out.printf("generated in %.0f s%n", (System.nanoTime() - started) / 1e9);
            }
            long leads = jdbc.sql("select count(*) from lead").query(Long.class).single();
            long activities = jdbc.sql("select count(*) from activity").query(Long.class).single();
            long product = jdbc.sql("select min(id) from product where code like 'BENCH-%'").query(Long.class).single();
            System.out.printf("data: %,d leads, %,d activities, 3 products (product %d has %,d leads)%n", leads,
                    activities, product,
                    jdbc.sql("select count(*) from lead where product_id = ?").param(product).query(Long.class).single());

            measure("reference: count(*) of the product's leads", () -> jdbc.sql(
                    "select count(*) from lead where product_id = ?").param(product).query(Long.class).single());
            measure("seed 001: last year's exhibition AND site in the last 30 days",
                    () -> segments.count(Segments.exhibitionThenWeb(product), ProductScope.all()));
            measure("seed 003: >= 5 page views about topic T3 in the last 90 days",
                    () -> segments.count(Segments.topicReader(product, "T3"), ProductScope.all()));
            measure("preset dormant (all products, no activity 180 days or parked 180 days)",
                    () -> segments.count(Segments.dormant(180), ProductScope.all()));
        } finally {
            app.close();
        }
    }

    private static void measure(String name, LongSupplier count) {
        List<Double> times = new ArrayList<>();
        long result = 0;
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            result = count.getAsLong();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (i > 0) {
                times.add(seconds);
            }
        }
        double median = times.stream().sorted().toList().get(times.size() / 2);
        System.out.printf("%-75s %,9d leads  median %.3f s (of 5 after one warm-up; runs %s)%s%n", name, result,
                median, times.stream().map(t -> String.format("%.3f", t)).toList(),
                name.startsWith("seed") ? (median <= 0.5 ? "  goal <= 0.5 s MET" : "  goal <= 0.5 s MISSED") : "");
    }

    /** Generates the data set-based, in a handful of statements. */
    public static void generate(JdbcClient jdbc) {
        String[] industries = names(Industry.values());
        String[] revenues = names(RevenueBand.values());
        String[] employees = names(EmployeeBand.values());
        String[] prefectures = names(Prefecture.values());
        jdbc.sql("set session_replication_role = replica").update();
        jdbc.sql("set maintenance_work_mem = '1GB'").update();
        jdbc.sql("set synchronous_commit = off").update();
        jdbc.sql("""
                insert into product (code, name) select 'BENCH-' || g, 'ベンチ製品 ' || g from generate_series(1, 3) g
                on conflict (code) do nothing""").update();
        long firstProduct = jdbc.sql("select min(id) from product where code like 'BENCH-%'").query(Long.class).single();
        long firstCompany = jdbc.sql("""
                insert into company (name, normalized_name, industry, revenue_band, employee_band, prefecture,
                                     existing_customer)
                select '株式会社ベンチ' || g, 'ベンチ' || g, (?::text[])[1 + g % ?], (?::text[])[1 + g % ?],
                       (?::text[])[1 + g % ?], (?::text[])[1 + g % ?], g % 10 = 0
                from generate_series(1, ?) g
                returning id""")
                .params(industries, industries.length, revenues, revenues.length, employees, employees.length,
                        prefectures, prefectures.length, COMPANIES)
                .query(Long.class).list().stream().mapToLong(Long::longValue).min().orElseThrow();
        jdbc.sql("""
                insert into person (company_id, full_name, email, department, job_title, title_level)
                select ? + g % ?, 'ベンチ 太郎' || g, 'bench' || g || '@example.jp', '情報システム部', '課長',
                       (array['EXECUTIVE', 'MANAGER', 'STAFF'])[1 + g % 3]
                from generate_series(0, ? - 1) g""")
                .params(firstCompany, COMPANIES, LEADS).update();
        long firstPerson = jdbc.sql("select min(id) from person where email like 'bench%@example.jp'")
                .query(Long.class).single();
        jdbc.sql("""
                insert into lead (person_id, product_id, stage, stage_changed_at, source_channel, score, hot, created_at)
                select ? + g, ? + g % 3,
                       (array['NEW_LEAD', 'NEW_LEAD', 'WORKING_UNTOUCHED', 'WORKING_CONNECTED', 'CONVERTED', 'DORMANT',
                              'DISQUALIFIED'])[1 + g % 7],
                       now() - (g % 700) * interval '1 day',
                       (array['WEB_FORM', 'EXHIBITION', 'SEMINAR', 'EMAIL', 'AD'])[1 + g % 5], g % 100, g % 50 = 0,
                       now() - interval '730 days'
                from generate_series(0, ? - 1) g""")
                .params(firstPerson, firstProduct, LEADS).update();
        long firstLead = jdbc.sql("select min(id) from lead where person_id >= ?").param(firstPerson)
                .query(Long.class).single();
        jdbc.sql("drop index if exists activity_lead_time_ix").update();
        jdbc.sql("drop index if exists activity_product_type_time_ix").update();
        jdbc.sql("drop index if exists activity_time_brin").update();
        // The lead of row g is uniform at random; its product follows from it (leads cycle through the products).
        jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                select ? + x.k, ? + x.k % 3, x.type,
                       now() - interval '730 days' + (g::float8 / ?) * interval '730 days' - x.r * interval '6 hours',
                       case when x.type = 'PAGE_VIEWED'
                            then jsonb_build_object('url', '/p/' || x.topic || '/' || g % 25,
                                                    'topics', jsonb_build_array('T' || x.topic))
                            when x.type = 'EXHIBITION_ATTENDED' then jsonb_build_object('source', '展示会')
                            else '{}'::jsonb end
                from generate_series(1, ?) g
                cross join lateral (
                    select r, k, case when r < 0.49 then k % 20 else g % 20 end as topic, type from (
                    select r, (floor(random() * ?) + g * 0)::int as k,
                           case when r < 0.70 then 'PAGE_VIEWED' when r < 0.80 then 'EMAIL_OPENED'
                                when r < 0.85 then 'EMAIL_CLICKED' when r < 0.88 then 'FORM_SUBMITTED'
                                when r < 0.90 then 'EXHIBITION_ATTENDED' when r < 0.93 then 'SEMINAR_ATTENDED'
                                when r < 0.96 then 'DOCUMENT_DOWNLOADED' else 'CALL' end as type
                    from (select random() + g * 0 as r) s) t
                ) x""")
                .params(firstLead, firstProduct, ACTIVITIES, ACTIVITIES, LEADS).update();
        jdbc.sql("create index activity_lead_time_ix on activity (lead_id, occurred_at)").update();
        jdbc.sql("""
                create index activity_product_type_time_ix on activity (product_id, type, occurred_at)
                include (lead_id)""").update();
        jdbc.sql("create index activity_time_brin on activity using brin (occurred_at)").update();
        jdbc.sql("set session_replication_role = origin").update();
        jdbc.sql("vacuum analyze activity").update();
        jdbc.sql("analyze lead").update();
        jdbc.sql("analyze person").update();
        jdbc.sql("analyze company").update();
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
