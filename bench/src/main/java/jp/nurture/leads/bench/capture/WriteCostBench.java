package jp.nurture.leads.bench.capture;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.bench.Wrk;
import org.postgresql.PGConnection;

/**
 * Where an import chunk's time goes. Every new row of an import writes three rows: its person, its lead and its
 * first activity. This times those three INSERTs for one chunk (50,000 new people by default) with the schema as
 * it is, and again with the foreign keys, the trigram indexes, or every index but the primary keys taken away
 * inside a transaction that is rolled back, beside a COPY of the same rows into a bare table in the same run. The
 * variants take turns within each repetition, so the machine's noise spreads over all of them; medians are
 * printed.
 *
 * <p>Needs the database an {@link ImportBench} run leaves behind ({@code leads_bench}); its people are copied
 * under new addresses, so the indexes are as large as after that import. Run: {@code ./mvnw -q -pl bench -am
 * test-compile exec:java -Dbench.main=jp.nurture.leads.bench.capture.WriteCostBench} (options: -Dbench.rows,
 * -Dbench.reps, -Dbench.host, -Dbench.user, -Dbench.password).
 */
public final class WriteCostBench {

    private static final String HOST = System.getProperty("bench.host", "127.0.0.1");
    private static final String USER = System.getProperty("bench.user", "postgres");
    private static final String PASSWORD = System.getProperty("bench.password", "postgres");

    private WriteCostBench() {
    }

    private record Variant(String label, String dropSql) {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 50_000);
        int reps = Integer.getInteger("bench.reps", 5);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/leads_bench", USER,
                PASSWORD)) {
            long people = single(c, "select count(*) from person");
            if (people < rows) {
                throw new IllegalStateException("leads_bench holds " + people + " people; run ImportBench first");
            }
            String foreignKeys = ddl(c, """
                    select string_agg(format('alter table %s drop constraint %I', conrelid::regclass, conname), '; ')
                    from pg_constraint where contype = 'f'
                      and conrelid in ('person'::regclass, 'lead'::regclass, 'activity'::regclass)""");
            String trigram = ddl(c, """
                    select string_agg(format('drop index %s', i.indexrelid::regclass), '; ')
                    from pg_index i join pg_class x on x.oid = i.indexrelid join pg_am am on am.oid = x.relam
                    where i.indrelid = 'person'::regclass and am.amname = 'gin'""");
            String secondary = ddl(c, """
                    select string_agg(format('drop index %s', i.indexrelid::regclass), '; ')
                    from pg_index i where not i.indisprimary and not exists (
                        select 1 from pg_constraint k where k.conindid = i.indexrelid)
                      and i.indrelid in ('person'::regclass, 'lead'::regclass, 'activity'::regclass)""");
            String uniqueConstraints = ddl(c, """
                    select coalesce(string_agg(format('alter table %s drop constraint %I', conrelid::regclass,
                                                      conname), '; '), 'select 1')
                    from pg_constraint where contype = 'u'
                      and conrelid in ('person'::regclass, 'lead'::regclass, 'activity'::regclass)""");
            List<Variant> variants = List.of(
                    new Variant("schema as it is", null),
                    new Variant("without the 7 foreign keys", foreignKeys),
                    new Variant("without person's trigram indexes", trigram),
                    new Variant("without both", foreignKeys + "; " + trigram),
                    new Variant("primary keys only", foreignKeys + "; " + uniqueConstraints + "; " + secondary));

            Map<String, List<double[]>> timings = new LinkedHashMap<>();
            variants.forEach(v -> timings.put(v.label, new ArrayList<>()));
            List<Double> copies = new ArrayList<>();
            for (int rep = 1; rep <= reps; rep++) {
                for (Variant variant : variants) {
                    timings.get(variant.label).add(writes(c, rows, rep, variant.dropSql));
                }
                copies.add(bareCopy(c, rows, rep));
            }

            System.out.printf("%,d new people, leads and first activities (one import chunk), %,d people held,"
                    + " median ms of %d%n", rows, people, reps);
            System.out.printf("%-36s %8s %8s %9s %8s %12s%n", "", "person", "lead", "activity", "sum", "rows/s");
            for (Variant variant : variants) {
                List<double[]> runs = timings.get(variant.label);
                double person = Wrk.median(runs.stream().map(r -> r[0]).toList());
                double lead = Wrk.median(runs.stream().map(r -> r[1]).toList());
                double activity = Wrk.median(runs.stream().map(r -> r[2]).toList());
                double sum = Wrk.median(runs.stream().map(r -> r[0] + r[1] + r[2]).toList());
                System.out.printf("%-36s %8.0f %8.0f %9.0f %8.0f %,12.0f%n", variant.label, person, lead, activity,
                        sum, rows / (sum / 1000));
            }
            double copy = Wrk.median(copies);
            System.out.printf("%-36s %8.0f %8s %9s %8.0f %,12.0f%n", "reference: COPY into a bare table", copy, "",
                    "", copy, rows / (copy / 1000));
            System.out.println("At 50,000 rows/s end to end, a 50,000-row chunk has 1,000 ms for everything:"
                    + " reading, deduplicating and these writes.");
        }
    }

    /** One chunk's three INSERTs, in a transaction rolled back; milliseconds per table. */
    private static double[] writes(Connection c, int rows, int rep, String dropSql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // As the import's merge runs them.
            s.execute("set local synchronous_commit = off");
            s.execute("set local jit = off");
            s.execute("set local work_mem = '64MB'");
            s.execute("""
                    create temp table new_person on commit drop as
                    select nextval(pg_get_serial_sequence('person', 'id')) as id, company_id, full_name, kana,
                           'w%d.' || coalesce(email, id || '@no-address.example') as email, phone, department,
                           job_title, title_level
                    from person order by id desc limit %d""".formatted(rep, rows));
            s.execute("""
                    create temp table new_lead on commit drop as
                    select nextval(pg_get_serial_sequence('lead', 'id')) as id, id as person_id from new_person""");
            if (dropSql != null) {
                for (String statement : dropSql.split("; ")) {
                    s.execute(statement);
                }
            }
            long t0 = System.nanoTime();
            s.execute("""
                    insert into person (id, company_id, full_name, kana, email, phone, department, job_title,
                                        title_level)
                    select * from new_person order by id""");
            long t1 = System.nanoTime();
            s.execute("""
                    insert into lead (id, person_id, product_id, stage, source_channel, source_detail, custom)
                    select id, person_id, (select min(id) from product), 'NEW_LEAD', 'EXHIBITION', 'IT Week 秋 2026',
                           '{}'::jsonb
                    from new_lead order by id""");
            long t2 = System.nanoTime();
            s.execute("""
                    insert into activity (lead_id, product_id, type, occurred_at, detail)
                    select id, (select min(id) from product), 'EXHIBITION_ATTENDED', now(),
                           jsonb_build_object('channel', 'EXHIBITION', 'source', 'IT Week 秋 2026', 'created', true)
                    from new_lead order by id""");
            long t3 = System.nanoTime();
            return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6};
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** Milliseconds a COPY of the same people into an unindexed table takes. */
    private static double bareCopy(Connection c, int rows, int rep) throws Exception {
        StringWriter text = new StringWriter();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                copy (select company_id, full_name, kana, 'w%d.' || email, phone, department, job_title, title_level
                      from person order by id desc limit %d) to stdout""".formatted(rep, rows), text);
        try (Statement s = c.createStatement()) {
            s.execute("""
                    create temp table bare (company_id bigint, full_name text, kana text, email text, phone text,
                                            department text, job_title text, title_level text)""");
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bare from stdin", new StringReader(text.toString()));
            double ms = (System.nanoTime() - start) / 1e6;
            s.execute("drop table bare");
            return ms;
        }
    }

    private static String ddl(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long single(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
