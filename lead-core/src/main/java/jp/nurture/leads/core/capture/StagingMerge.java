package jp.nurture.leads.core.capture;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges one chunk of an import into people, companies, leads and activities, set-based: the chunk is COPYed
 * into a temporary staging table, then a fixed number of statements resolve, insert and update every row at
 * once, whatever the chunk's size. Runs inside the caller's transaction.
 */
@Component
class StagingMerge {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StagingMerge.class);

    // Imports merge one chunk at a time across all instances, so two files holding the same new person cannot
    // both create them; forms and the API still run alongside (their conflicts are caught per row).
    private static final long MERGE_LOCK = 0x6361_7074_7572_65L;

    // The chunk as read, COPYed in. Everything the merge decides goes to narrower tables beside it, written once
    // each (an UPDATE of a 50,000-row table rewrites every row it touches, so passes over this table cost more
    // than the look-ups they make), and rows are found again by record number.
    private static final String STAGING = """
            create temp table if not exists capture_staging (
                record_no bigint, line_no bigint, email text, external_id text, full_name text, kana text,
                company_name text, company_key text, phone text, department text, job_title text, title_level text,
                prefecture text, industry text, channel text, source_detail text, occurred_at timestamptz,
                planned_adoption_date date, expected_users integer, custom jsonb
            ) on commit delete rows""";

    private static final List<String> WORK_TABLES = List.of(
            // One row per distinct company key: the company it resolves to and, for an existing customer, the
            // account owner new leads there get.
            """
            create temp table if not exists capture_company (company_key text primary key, company_id bigint,
                owner_id bigint) on commit delete rows""",
            // One row per record: its company, the person and lead it already resolves to, else the group of
            // records that are one new person.
            """
            create temp table if not exists capture_row (record_no bigint primary key, company_id bigint,
                owner_id bigint, person_id bigint, lead_id bigint, person_group text) on commit delete rows""",
            """
            create temp table if not exists capture_new_person (person_group text primary key, id bigint,
                failed boolean not null default false) on commit delete rows""",
            """
            create temp table if not exists capture_new_lead (person_id bigint primary key, lead_id bigint,
                first_record bigint, created boolean not null default true) on commit delete rows""",
            // Where every record ended.
            """
            create temp table if not exists capture_result (record_no bigint primary key, line_no bigint,
                person_id bigint, lead_id bigint, lead_new boolean not null, outcome text)
            on commit delete rows""");

    // Same expression as person.name_key; computed only for records without an address, the only ones matched
    // or grouped by name.
    private static final String NAME_KEY = "lower(regexp_replace(normalize(s.full_name, NFKC), '\\s', '', 'g'))";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    private final Consents consents;
    private final Map<String, String> sequences = new java.util.concurrent.ConcurrentHashMap<>();

    StagingMerge(JdbcClient jdbc, DataSource dataSource, Consents consents) {
        this.consents = consents;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Analyzes the tables a chunk looks its keys up in once they have grown by half since their statistics were
     * taken. An import adds rows far faster than autovacuum analyzes them (it looks once a minute at best, and not
     * at all where it is switched off), and plans made for the tables as they were go wrong as they grow: a merge
     * join sorting every activity of the type once per chunk, a nested loop rescanning a table believed to be
     * small. Growth by half keeps the number of analyses logarithmic in the import's size (each took 0.05–0.35 s
     * at a million rows). SKIP_LOCKED: a table being vacuumed right now is analyzed by a
     * later chunk rather than waited for.
     */
    private void refreshGrownStatistics() {
        List<String> grown = jdbc.sql("""
                select s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                where s.relid in ('company'::regclass, 'person'::regclass, 'lead'::regclass, 'activity'::regclass)
                  and s.n_mod_since_analyze > greatest(c.reltuples, 0) * 0.5 + 10000""")
                .query(String.class).list();
        for (String table : grown) {
            long started = System.nanoTime();
            jdbc.sql("analyze (skip_locked) " + table).update();
            log.debug("{} analyzed for the import in {} ms", table, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Outcome counts of one merged chunk and the leads it created or changed. */
    record Result(long created, long updated, long unchanged, long failed, List<Long> changedLeads) {
    }

    /**
     * Merges the chunk; {@code jobId} is null for a single record captured outside an import (the API), which
     * brings no business-card consents.
     */
    Result merge(Long jobId, long productId, MergePolicy policy, ActivityType activityType,
            List<Long> businessCardTypes, CharSequence copyText) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(MERGE_LOCK).query().singleRow();
        if (jobId != null) {
            // Hash joins of a whole chunk fit in memory; the chunk's commit need not wait for the disk, because
            // its progress commits with it: after a crash the job resumes after the last chunk that did reach the
            // disk. Look-ups of a chunk's keys in large tables go through their indexes (cheap on solid-state
            // storage) instead of reading the whole table once per chunk. A single API record keeps the
            // defaults: its caller is told it was stored, so its commit waits for the disk.
            // The statements are cheap per row but many rows: compiling them to machine code (JIT, chosen by
            // their estimated cost) took longer than running them.
            jdbc.sql("""
                    select set_config('work_mem', '64MB', true), set_config('synchronous_commit', 'off', true),
                           set_config('random_page_cost', '1.1', true), set_config('jit', 'off', true)""")
                    .query().singleRow();
        }
        prepare(copyText);
        if (jobId != null) {
            // Only the columns the merge joins on: statistics of the other twenty would cost more than they help.
            jdbc.sql("analyze capture_staging (email, external_id, company_key)").update();
            refreshGrownStatistics();
        }

        long t0 = System.nanoTime();
        resolveCompanies(policy);
        long t1 = System.nanoTime();
        if (jobId != null) {
            // A hash join here read every person once per chunk: 1.1 s at 1.3M people, against 0.4 s of look-ups.
            byIndexLookUps(() -> resolvePeople(productId));
        } else {
            resolvePeople(productId);
        }
        long t2 = System.nanoTime();
        createPeople();
        long t3 = System.nanoTime();
        createLeads(productId);
        long t4 = System.nanoTime();
        judge(policy);
        updatePeople(policy);
        updateLeads(policy);
        long t5 = System.nanoTime();
        recordActivities(jobId, productId, activityType);
        recordBusinessCards(jobId, businessCardTypes);
        long t6 = System.nanoTime();
        if (log.isDebugEnabled()) {
            log.debug("import {} chunk merged: companies {} ms, people {}+{} ms, leads {} ms, updates {} ms,"
                    + " activities {} ms", jobId, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000, (t6 - t5) / 1_000_000);
        }

        if (jobId != null) {
            jdbc.sql("""
                    insert into import_error (job_id, record_no, line_no, reason, detail)
                    select ?, r.record_no, r.line_no, 'conflict', s.email
                    from capture_result r join capture_staging s on s.record_no = r.record_no
                    where r.outcome = 'FAILED'
                    on conflict do nothing""").param(jobId).update();
        }
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select outcome, count(*) from capture_result group by outcome")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        List<Long> changed = jdbc.sql("""
                select distinct lead_id from capture_result where outcome in ('CREATED', 'UPDATED')""")
                .query(Long.class).list();
        return new Result(counts.getOrDefault("CREATED", 0L), counts.getOrDefault("UPDATED", 0L),
                counts.getOrDefault("UNCHANGED", 0L), counts.getOrDefault("FAILED", 0L), changed);
    }

    /** Where one merged record ended: its person and lead, and whether the lead is new or changed. */
    record Single(Long personId, Long leadId, String outcome) {
    }

    /**
     * Merges a single record (a form submission) through the same statements as an import chunk, without the
     * import's activity rows: the caller records its own activity, with the event scoring listens to.
     */
    Single mergeOne(long productId, MergePolicy policy, CharSequence copyText) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(MERGE_LOCK).query().singleRow();
        prepare(copyText);
        resolveCompanies(policy);
        resolvePeople(productId);
        createPeople();
        createLeads(productId);
        judge(policy);
        updatePeople(policy);
        updateLeads(policy);
        Single single = jdbc.sql("select person_id, lead_id, outcome from capture_result order by record_no limit 1")
                .query((rs, n) -> new Single((Long) rs.getObject(1), (Long) rs.getObject(2), rs.getString(3)))
                .single();
        return single;
    }

    /**
     * Creates the work tables on first use in this connection, empties them (a caller may merge twice in one
     * transaction) and COPYs the chunk in.
     */
    private void prepare(CharSequence copyText) {
        jdbc.sql(STAGING).update();
        WORK_TABLES.forEach(ddl -> jdbc.sql(ddl).update());
        // Emptied at commit, and by the previous merge of this transaction if any: a DELETE of nothing is free.
        for (String table : new String[] {"capture_staging", "capture_company", "capture_row", "capture_new_person",
            "capture_new_lead", "capture_result"}) {
            jdbc.sql("delete from " + table).update();
        }
        copy(copyText);
    }

    /**
     * The identity sequence of a table's id, as a literal: pg_get_serial_sequence() in the statement itself would
     * be looked up again for every row.
     */
    private String sequence(String table) {
        return sequences.computeIfAbsent(table, t -> {
            String name = jdbc.sql("select pg_get_serial_sequence(?, 'id')").param(t).query(String.class).single();
            return "'" + name.replace("'", "''") + "'";
        });
    }

    private void copy(CharSequence copyText) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy capture_staging (" + RowReader.COLUMNS + ") from stdin",
                    new StringReader(copyText.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the import staging table failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void resolveCompanies(MergePolicy policy) {
        // Resolved once per distinct key, not per row: a visitor list holds many people of few companies.
        // Of several companies sharing a key, an existing customer wins, so its account owner keeps the lead.
        jdbc.sql("""
                insert into capture_company (company_key, company_id, owner_id)
                select k.company_key, c.id, case when c.existing_customer then c.account_owner_id end
                from (select distinct company_key from capture_staging where company_key is not null) k
                left join lateral (select c.id, c.existing_customer, c.account_owner_id from company c
                                   where c.normalized_name = k.company_key
                                   order by c.existing_customer desc, c.id limit 1) c on true""").update();
        // Sorted by key, so the name index takes its new entries in order.
        jdbc.sql("""
                with created as (
                    insert into company (name, normalized_name, industry, prefecture)
                    select distinct on (s.company_key) s.company_name, s.company_key, s.industry, s.prefecture
                    from capture_staging s join capture_company k on k.company_key = s.company_key
                    where k.company_id is null order by s.company_key, s.record_no
                    returning id, normalized_name)
                update capture_company k set company_id = created.id from created
                where k.company_key = created.normalized_name""").update();
        String set = policy == MergePolicy.OVERWRITE
                ? "industry = coalesce(s.industry, c.industry), prefecture = coalesce(s.prefecture, c.prefecture)"
                : "industry = coalesce(c.industry, s.industry), prefecture = coalesce(c.prefecture, s.prefecture)";
        String changes = policy == MergePolicy.OVERWRITE
                ? "s.industry is distinct from c.industry and s.industry is not null"
                        + " or s.prefecture is distinct from c.prefecture and s.prefecture is not null"
                : "c.industry is null and s.industry is not null or c.prefecture is null and s.prefecture is not null";
        jdbc.sql("update company c set " + set + ", updated_at = now(), version = c.version + 1 from ("
                + " select distinct on (k.company_id) k.company_id, s.industry, s.prefecture"
                + " from capture_staging s join capture_company k on k.company_key = s.company_key"
                + " where s.industry is not null or s.prefecture is not null"
                + " order by k.company_id, s.record_no desc) s"
                + " where c.id = s.company_id and (" + changes + ")").update();
    }

    /**
     * Resolves every record in one statement: the person by address, else by external id, else (records without
     * an address) by company and name with a matching or missing phone; then that person's lead of the product.
     * Records of one new person share a group: rows nothing identifies beyond a name stay people of their own.
     */
    private void resolvePeople(long productId) {
        jdbc.sql("""
                insert into capture_row (record_no, company_id, owner_id, person_id, lead_id, person_group)
                select r.record_no, r.company_id, r.owner_id, r.person_id, l.id,
                       case when r.person_id is null then coalesce('e:' || r.email, 'x:' || r.external_id,
                           case when r.company_id is not null then 'n:' || r.company_id || ':' || r.name_key end,
                           'r:' || r.record_no) end
                from (select s.record_no, s.email, s.external_id, k.company_id, k.owner_id, n.name_key,
                             coalesce(pe.id, px.id, pn.id) as person_id
                      from capture_staging s
                      left join capture_company k on k.company_key = s.company_key
                      cross join lateral (select case when s.email is null then %s end as name_key) n
                      left join person pe on pe.email = s.email
                      left join person px on px.external_id = s.external_id
                      left join lateral (select p.id from person p
                                         where s.email is null and pe.id is null and px.id is null
                                           and p.company_id = k.company_id and p.name_key = n.name_key
                                           and (s.phone is null or p.phone is null or p.phone = s.phone)
                                         order by p.id limit 1) pn on true) r
                left join lead l on r.person_id is not null and l.person_id = r.person_id and l.product_id = ?"""
                .formatted(NAME_KEY)).param(productId).update();
    }

    /**
     * Runs a statement that probes a large table once per chunk row with only B-tree index look-ups: hash, merge
     * and bitmap plans off. A hash or merge join reads every row of the table that could match (every activity of
     * the type) once per chunk, a cost that grows with the database, where the chunk's look-ups cost the same at
     * any size. Bitmap scans go too, because they are the only way the trigram GIN indexes are used, and the planner
     * badly underrates a GIN look-up per row. Safe only on fresh statistics ({@link #refreshGrownStatistics}): planned
     * for a table much smaller than it is, a nested loop would rescan it once per row. Set for the statement only.
     */
    private void byIndexLookUps(Runnable statement) {
        jdbc.sql("""
                select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),
                       set_config('enable_bitmapscan', 'off', true)""").query().singleRow();
        statement.run();
        // Not in a finally: after a failed statement the transaction is lost anyway, and so are these settings.
        jdbc.sql("""
                select set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true),
                       set_config('enable_bitmapscan', 'on', true)""").query().singleRow();
    }

    private void createPeople() {
        // Each group gets its id up front, so every record knows its person without a second look-up; ids follow
        // the groups' order (addresses sorted), so the person indexes take their new entries mostly in order.
        jdbc.sql("""
                insert into capture_new_person (person_group, id)
                select g.person_group, nextval(%s)
                from (select distinct person_group from capture_row where person_id is null order by 1) g"""
                .formatted(sequence("person"))).update();
        long expected = jdbc.sql("select count(*) from capture_new_person").query(Long.class).single();
        if (expected == 0) {
            return;
        }
        long inserted = jdbc.sql("""
                with inserted as (
                    insert into person (id, company_id, full_name, kana, email, phone, department, job_title,
                                        title_level, external_id)
                    select distinct on (g.id) g.id, r.company_id, s.full_name, s.kana, s.email, s.phone,
                           s.department, s.job_title, s.title_level, s.external_id
                    from capture_new_person g join capture_row r on r.person_group = g.person_group
                    join capture_staging s on s.record_no = r.record_no
                    order by g.id, s.record_no
                    on conflict do nothing
                    returning 1)
                select count(*) from inserted""").query(Long.class).single();
        if (inserted < expected) {
            // Someone else (a form, the API) took the address or id in the meantime: the rows are reported,
            // not lost.
            jdbc.sql("""
                    update capture_new_person g set failed = true
                    where not exists (select 1 from person p where p.id = g.id)""").update();
        }
    }

    private void createLeads(long productId) {
        // Like people, each new lead gets its id up front. Its values are those of its person's first record.
        jdbc.sql("""
                insert into capture_new_lead (person_id, lead_id, first_record)
                select d.person_id, nextval(%s), d.record_no
                from (select distinct on (coalesce(r.person_id, g.id)) coalesce(r.person_id, g.id) as person_id,
                             r.record_no
                      from capture_row r left join capture_new_person g on g.person_group = r.person_group
                      where r.lead_id is null and not coalesce(g.failed, false)
                      order by coalesce(r.person_id, g.id), r.record_no) d
                order by d.person_id""".formatted(sequence("lead"))).update();
        long expected = jdbc.sql("select count(*) from capture_new_lead").query(Long.class).single();
        if (expected > 0) {
            long inserted = jdbc.sql("""
                    with inserted as (
                        insert into lead (id, person_id, product_id, stage, source_channel, source_detail, owner_id,
                                          planned_adoption_date, expected_users, custom)
                        select n.lead_id, n.person_id, ?, 'NEW_LEAD', s.channel, s.source_detail, r.owner_id,
                               s.planned_adoption_date, s.expected_users, s.custom
                        from capture_new_lead n join capture_row r on r.record_no = n.first_record
                        join capture_staging s on s.record_no = n.first_record
                        order by n.lead_id
                        on conflict (person_id, product_id) do nothing
                        returning 1)
                    select count(*) from inserted""").param(productId).query(Long.class).single();
            if (inserted < expected) {
                // A form or the API created one of these leads meanwhile: the records merge into that lead instead.
                jdbc.sql("""
                        update capture_new_lead n set lead_id = l.id, created = false from lead l
                        where not exists (select 1 from lead o where o.id = n.lead_id)
                          and l.person_id = n.person_id and l.product_id = ?""").param(productId).update();
            }
        }
        // Where every record stands now; records other than a new lead's first are judged against what is
        // stored next (outcome still null).
        jdbc.sql("""
                insert into capture_result (record_no, line_no, person_id, lead_id, lead_new, outcome)
                select r.record_no, s.line_no, coalesce(r.person_id, g.id), coalesce(r.lead_id, n.lead_id),
                       coalesce(n.created, false),
                       case when g.failed then 'FAILED'
                            when n.created and n.first_record = r.record_no then 'CREATED' end
                from capture_row r join capture_staging s on s.record_no = r.record_no
                left join capture_new_person g on g.person_group = r.person_group
                left join capture_new_lead n on r.lead_id is null and n.person_id = coalesce(r.person_id, g.id)""")
                .update();
    }

    /** Decides, before anything is written, which remaining records bring something new. */
    private void judge(MergePolicy policy) {
        String[] personFields = {"r.company_id", "s.kana", "s.phone", "s.department", "s.job_title",
            "s.title_level"};
        StringBuilder news = new StringBuilder("false");
        for (String f : personFields) {
            String stored = "p." + f.substring(2);
            news.append(policy == MergePolicy.OVERWRITE
                    ? " or " + f + " is not null and " + f + " is distinct from " + stored
                    : " or " + stored + " is null and " + f + " is not null");
        }
        news.append(" or p.email is null and s.email is not null or p.external_id is null and s.external_id is not null");
        for (String f : new String[] {"planned_adoption_date", "expected_users"}) {
            news.append(policy == MergePolicy.OVERWRITE
                    ? " or s." + f + " is not null and s." + f + " is distinct from l." + f
                    : " or l." + f + " is null and s." + f + " is not null");
        }
        news.append(policy == MergePolicy.OVERWRITE ? " or not (l.custom @> s.custom)"
                : " or exists (select 1 from jsonb_object_keys(s.custom) k where not jsonb_exists(l.custom, k))");
        // Few records are judged (repeated people and people already known), so the person and lead are found by
        // their keys; the verdict is written into the result row once.
        jdbc.sql("update capture_result x set outcome = case when " + news + " then 'UPDATED' else 'UNCHANGED' end"
                + " from capture_row r, capture_staging s, person p, lead l"
                + " where x.outcome is null and r.record_no = x.record_no and s.record_no = x.record_no"
                + " and p.id = x.person_id and l.id = x.lead_id").update();
    }

    private void updatePeople(MergePolicy policy) {
        String keep = policy == MergePolicy.OVERWRITE ? "coalesce(s.%1$s, p.%1$s)" : "coalesce(p.%1$s, s.%1$s)";
        StringBuilder set = new StringBuilder();
        for (String f : new String[] {"company_id", "kana", "phone", "department", "job_title", "title_level"}) {
            set.append(f).append(" = ").append(keep.formatted(f)).append(", ");
        }
        // An address or id is who someone is: it is added where missing, never overwritten, never taken.
        jdbc.sql("update person p set " + set + """
                    email = coalesce(p.email, case when not exists (select 1 from person o where o.email = s.email)
                                                   then s.email end),
                    external_id = coalesce(p.external_id, case when not exists (
                        select 1 from person o where o.external_id = s.external_id) then s.external_id end),
                    updated_at = now(), version = p.version + 1
                from (select distinct on (x.person_id) x.person_id, r.company_id, s.kana, s.phone, s.department,
                             s.job_title, s.title_level, s.email, s.external_id
                      from capture_result x join capture_row r on r.record_no = x.record_no
                      join capture_staging s on s.record_no = x.record_no
                      where x.outcome = 'UPDATED' order by x.person_id, x.record_no desc) s
                where p.id = s.person_id""").update();
    }

    private void updateLeads(MergePolicy policy) {
        String set = policy == MergePolicy.OVERWRITE
                ? "planned_adoption_date = coalesce(s.planned_adoption_date, l.planned_adoption_date),"
                        + " expected_users = coalesce(s.expected_users, l.expected_users), custom = l.custom || s.custom"
                : "planned_adoption_date = coalesce(l.planned_adoption_date, s.planned_adoption_date),"
                        + " expected_users = coalesce(l.expected_users, s.expected_users), custom = s.custom || l.custom";
        jdbc.sql("update lead l set " + set + ", updated_at = now(), version = l.version + 1"
                + " from (select distinct on (x.lead_id) x.lead_id, s.planned_adoption_date, s.expected_users,"
                + " s.custom from capture_result x join capture_staging s on s.record_no = x.record_no"
                + " where x.outcome = 'UPDATED' order by x.lead_id, x.record_no desc) s where l.id = s.lead_id")
                .update();
    }

    /** What the merge just decided for one record: its lead and outcome; read inside the merge's transaction. */
    record Decision(Long leadId, String outcome) {
    }

    Decision decision(long recordNo) {
        return jdbc.sql("select lead_id, outcome from capture_result where record_no = ?").param(recordNo)
                .query((rs, n) -> new Decision((Long) rs.getObject(1), rs.getString(2))).single();
    }

    /** The addresses were handed over in writing: the basis the Act on Specified Electronic Mail accepts. */
    private void recordBusinessCards(Long jobId, List<Long> emailTypes) {
        if (emailTypes.isEmpty()) {
            return;
        }
        List<Long> people = jdbc.sql("""
                select distinct x.person_id from capture_result x join person p on p.id = x.person_id
                where x.outcome <> 'FAILED' and p.email is not null""").query(Long.class).list();
        for (long type : emailTypes) {
            consents.grantAll(people, type, ConsentBasis.BUSINESS_CARD, "import:" + jobId);
        }
    }

    private void recordActivities(Long jobId, long productId, ActivityType type) {
        // One activity per lead and moment: a second row of the same visit, or a re-run of the same file,
        // adds nothing to the timeline. A new lead's first activity says so ("created") instead of a separate
        // LEAD_CREATED row, which would double the timeline writes of a large import. A lead created by this
        // chunk has no activity yet, so only the others are looked up in the timeline.
        String insert = """
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                select distinct on (x.lead_id, s.occurred_at) x.lead_id, ?, ?, s.occurred_at,
                       jsonb_strip_nulls(jsonb_build_object('channel', s.channel, 'source', s.source_detail,
                                                            'import', ?::bigint, 'line', x.line_no,
                                                            'created', case when x.outcome = 'CREATED' then true end))
                from capture_result x join capture_staging s on s.record_no = x.record_no
                where x.outcome <> 'FAILED' and x.lead_id is not null and %s
                order by x.lead_id, s.occurred_at, x.record_no""";
        jdbc.sql(insert.formatted("x.lead_new")).params(productId, type.name(), jobId).update();
        Runnable known = () -> jdbc.sql(insert.formatted("""
                not x.lead_new and not exists (select 1 from activity a where a.lead_id = x.lead_id
                                               and a.occurred_at = s.occurred_at and a.type = ?)"""))
                .params(productId, type.name(), jobId, type.name()).update();
        if (jobId != null) {
            byIndexLookUps(known);
        } else {
            known.run();
        }
    }
}
