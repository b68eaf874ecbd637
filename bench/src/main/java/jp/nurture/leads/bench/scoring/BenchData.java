package jp.nurture.leads.bench.scoring;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates the scoring bench data set-based in SQL, once per database: product {@code BENCH-SCORING} with 50,000
 * companies (industry, revenue, size and prefecture spread by id), 1,000,000 people and their 1,000,000 leads, and
 * 20,000,000 activities over the last year (60% page views, 20% e-mail opens, 8% clicks, 6% downloads, 6% forms;
 * lead chosen by a multiplicative hash of the row number). FK triggers are skipped during the load
 * ({@code session_replication_role = replica}, needs a superuser) and the activity indexes are built after it,
 * as a bulk import would.
 */
final class BenchData {

    static final String CODE = "BENCH-SCORING";
    static final int COMPANIES = 50_000;
    static final int LEADS = 1_000_000;
    static final int ACTIVITIES = 20_000_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    BenchData(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    long ensure() {
        jdbc.sql("insert into product (code, name) values (?, 'スコアリング計測') on conflict (code) do nothing")
                .param(CODE).update();
        long product = jdbc.sql("select id from product where code = ?").param(CODE).query(Long.class).single();
        long leads = jdbc.sql("select count(*) from lead where product_id = ?").param(product).query(Long.class).single();
        if (leads >= LEADS) {
            return product;
        }
        long t0 = System.nanoTime();
        System.out.println("Generating 1M leads and 20M activities (once per database, a few minutes)...");
        // One transaction, so the session settings below hold for every statement (one pooled connection).
        tx.executeWithoutResult(s -> generate(product));
        System.out.printf("Generated in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        jdbc.sql("analyze company").update();
        jdbc.sql("analyze person").update();
        jdbc.sql("analyze lead").update();
        jdbc.sql("analyze activity").update();
        return product;
    }

    private void generate(long product) {
        jdbc.sql("set local session_replication_role = replica").update();
        jdbc.sql("set local maintenance_work_mem = '1GB'").update();
        // Identity values are read back after each insert: a rolled-back earlier attempt may have used some.
        long companyMark = jdbc.sql("select coalesce(max(id), 0) from company").query(Long.class).single();
        jdbc.sql("""
                insert into company (name, normalized_name, industry, revenue_band, employee_band, prefecture)
                select '計測' || g, '計測' || g,
                       (array['IT','MANUFACTURING','RETAIL','FINANCE','CONSTRUCTION','LOGISTICS','MEDICAL','SERVICES','OTHER','PUBLIC_SECTOR'])[1 + g % 10],
                       (array['OVER_100_BN','FROM_50_BN','FROM_10_BN','FROM_1_BN','UNDER_1_BN'])[1 + (g / 10) % 5],
                       (array['UNDER_50','FROM_50','FROM_300','FROM_1000','OVER_5000'])[1 + (g / 50) % 5],
                       (array['TOKYO','OSAKA','AICHI','KANAGAWA','FUKUOKA','MIYAGI','HOKKAIDO','HIROSHIMA'])[1 + (g / 7) % 8]
                from generate_series(0, ? - 1) g""").param(COMPANIES).update();
        long companyFrom = jdbc.sql("select min(id) from company where id > ?").param(companyMark).query(Long.class).single();
        long personMark = jdbc.sql("select coalesce(max(id), 0) from person").query(Long.class).single();
        jdbc.sql("""
                insert into person (company_id, full_name, department, title_level)
                select ? + g % ?, '計測 ' || g, '情報システム部', (array['EXECUTIVE','MANAGER','STAFF','STAFF'])[1 + (g / 3) % 4]
                from generate_series(0, ? - 1) g""").params(companyFrom, COMPANIES, LEADS).update();
        long personFrom = jdbc.sql("select min(id) from person where id > ?").param(personMark).query(Long.class).single();
        jdbc.sql("""
                insert into lead (person_id, product_id, stage, source_channel)
                select ? + g, ?, 'NEW_LEAD', 'WEB_FORM' from generate_series(0, ? - 1) g""")
                .params(personFrom, product, LEADS).update();
        long leadFrom = jdbc.sql("select min(id) from lead where product_id = ?").param(product).query(Long.class).single();
        jdbc.sql("drop index if exists activity_lead_time_ix").update();
        jdbc.sql("drop index if exists activity_product_type_time_ix").update();
        jdbc.sql("drop index if exists activity_time_brin").update();
        jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                select ? + (g * 7919) % ?, ?,
                       -- Each lead gets rows g0 + k * 1M (k = 0..19): k enters the type, or a lead would have one type only.
                       case when (g + (g / 1000000) * 37) % 100 < 60 then 'PAGE_VIEWED' when (g + (g / 1000000) * 37) % 100 < 80 then 'EMAIL_OPENED'
                            when (g + (g / 1000000) * 37) % 100 < 88 then 'EMAIL_CLICKED' when (g + (g / 1000000) * 37) % 100 < 94 then 'DOCUMENT_DOWNLOADED'
                            else 'FORM_SUBMITTED' end,
                       now() - interval '365 days' + ((g * 31536000) / ?) * interval '1 second', '{}'
                from generate_series(cast(0 as bigint), ? - 1) g""")
                .params(leadFrom, LEADS, product, ACTIVITIES, ACTIVITIES).update();
        jdbc.sql("set local session_replication_role = origin").update();
        jdbc.sql("create index activity_lead_time_ix on activity (lead_id, occurred_at)").update();
        jdbc.sql("create index activity_product_type_time_ix on activity (product_id, type, occurred_at)").update();
        jdbc.sql("create index activity_time_brin on activity using brin (occurred_at)").update();
    }

    /** Leads that never attended a seminar, for the stream (each gets exactly one, so each must rescore). */
    long[] leadsWithoutSeminar(long product, int count) {
        return jdbc.sql("""
                select l.id from lead l where l.product_id = ? and not exists (
                    select 1 from activity a where a.lead_id = l.id and a.type = 'SEMINAR_ATTENDED')
                order by (l.id * 2654435761) % 1000003 limit ?""")
                .params(product, count).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
    }
}
