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

    private static final String STAGING = """
            create temp table if not exists capture_staging (
                record_no bigint, line_no bigint, email text, external_id text, full_name text, kana text,
                company_name text, company_key text, phone text, department text, job_title text, title_level text,
                prefecture text, industry text, channel text, source_detail text, occurred_at timestamptz,
                planned_adoption_date date, expected_users integer, custom jsonb,
                name_key text generated always as
                    (lower(regexp_replace(normalize(full_name, NFKC), '\\s', '', 'g'))) stored,
                company_id bigint, person_id bigint, person_new boolean not null default false,
                person_group text, lead_id bigint, lead_new boolean not null default false, outcome text
            ) on commit delete rows""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    private final Consents consents;

    StagingMerge(JdbcClient jdbc, DataSource dataSource, Consents consents) {
        this.consents = consents;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
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
            jdbc.sql("""
                    select set_config('work_mem', '64MB', true), set_config('synchronous_commit', 'off', true),
                           set_config('random_page_cost', '1.1', true)""").query().singleRow();
        }
        jdbc.sql(STAGING).update();
        copy(copyText);
        jdbc.sql("analyze capture_staging").update();

        long t0 = System.nanoTime();
        resolveCompanies(policy);
        long t1 = System.nanoTime();
        resolvePeople();
        long t2 = System.nanoTime();
        createPeople();
        long t3 = System.nanoTime();
        resolveLeads(productId);
        createLeads(productId);
        long t4 = System.nanoTime();
        judge(policy, productId);
        updatePeople(policy);
        updateLeads(policy, productId);
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
                    select ?, record_no, line_no, 'conflict', email from capture_staging where outcome = 'FAILED'
                    on conflict do nothing""").param(jobId).update();
        }
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select outcome, count(*) from capture_staging group by outcome")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        List<Long> changed = jdbc.sql("""
                select distinct lead_id from capture_staging where outcome in ('CREATED', 'UPDATED')""")
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
        jdbc.sql(STAGING).update();
        copy(copyText);
        resolveCompanies(policy);
        resolvePeople();
        createPeople();
        resolveLeads(productId);
        createLeads(productId);
        judge(policy, productId);
        updatePeople(policy);
        updateLeads(policy, productId);
        Single single = jdbc.sql("select person_id, lead_id, outcome from capture_staging order by record_no limit 1")
                .query((rs, n) -> new Single((Long) rs.getObject(1), (Long) rs.getObject(2), rs.getString(3)))
                .single();
        // The staging table is per connection and emptied at commit; a caller that goes on in the same
        // transaction must not see this record again.
        jdbc.sql("delete from capture_staging").update();
        jdbc.sql("delete from capture_company").update();
        return single;
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
                create temp table if not exists capture_company (company_key text primary key, company_id bigint)
                on commit delete rows""").update();
        jdbc.sql("""
                insert into capture_company (company_key, company_id)
                select k.company_key, (select c.id from company c where c.normalized_name = k.company_key
                                       order by c.existing_customer desc, c.id limit 1)
                from (select distinct company_key from capture_staging where company_key is not null) k""").update();
        jdbc.sql("""
                with created as (
                    insert into company (name, normalized_name, industry, prefecture)
                    select distinct on (s.company_key) s.company_name, s.company_key, s.industry, s.prefecture
                    from capture_staging s join capture_company k on k.company_key = s.company_key
                    where k.company_id is null order by s.company_key, s.record_no
                    returning id, normalized_name)
                update capture_company k set company_id = created.id from created
                where k.company_key = created.normalized_name""").update();
        jdbc.sql("""
                update capture_staging s set company_id = k.company_id from capture_company k
                where k.company_key = s.company_key""").update();
        String set = policy == MergePolicy.OVERWRITE
                ? "industry = coalesce(s.industry, c.industry), prefecture = coalesce(s.prefecture, c.prefecture)"
                : "industry = coalesce(c.industry, s.industry), prefecture = coalesce(c.prefecture, s.prefecture)";
        String changes = policy == MergePolicy.OVERWRITE
                ? "s.industry is distinct from c.industry and s.industry is not null"
                        + " or s.prefecture is distinct from c.prefecture and s.prefecture is not null"
                : "c.industry is null and s.industry is not null or c.prefecture is null and s.prefecture is not null";
        jdbc.sql("update company c set " + set + ", updated_at = now(), version = c.version + 1 from ("
                + " select distinct on (company_id) company_id, industry, prefecture from capture_staging"
                + " where company_id is not null and (industry is not null or prefecture is not null)"
                + " order by company_id, record_no desc) s"
                + " where c.id = s.company_id and (" + changes + ")").update();
    }

    private void resolvePeople() {
        jdbc.sql("""
                update capture_staging s set person_id = p.id from person p
                where s.person_id is null and s.email is not null and p.email = s.email""").update();
        jdbc.sql("""
                update capture_staging s set person_id = p.id from person p
                where s.person_id is null and s.external_id is not null and p.external_id = s.external_id""")
                .update();
        jdbc.sql("""
                update capture_staging s set person_id = (
                    select p.id from person p
                    where p.company_id = s.company_id and p.name_key = s.name_key
                      and (s.phone is null or p.phone is null or p.phone = s.phone)
                    order by p.id limit 1)
                where s.person_id is null and s.company_id is not null and s.email is null""").update();
    }

    private void createPeople() {
        // Rows of one new person share a group; each group gets its id up front so every row knows its person
        // without a second lookup, and rows nothing identifies beyond a name stay people of their own.
        jdbc.sql("""
                update capture_staging set person_group = coalesce('e:' || email, 'x:' || external_id,
                    case when company_id is not null then 'n:' || company_id || ':' || name_key end,
                    'r:' || record_no)
                where person_id is null""").update();
        jdbc.sql("""
                with g as (select person_group, nextval(pg_get_serial_sequence('person', 'id')) as id
                           from (select distinct person_group from capture_staging where person_id is null) d)
                update capture_staging s set person_id = g.id, person_new = true
                from g where s.person_id is null and s.person_group = g.person_group""").update();
        jdbc.sql("""
                insert into person (id, company_id, full_name, kana, email, phone, department, job_title,
                                    title_level, external_id)
                select distinct on (person_id) person_id, company_id, full_name, kana, email, phone, department,
                       job_title, title_level, external_id
                from capture_staging where person_new order by person_id, record_no
                on conflict do nothing""").update();
        // Someone else (a form, the API) took the address or id in the meantime: the row is reported, not lost.
        jdbc.sql("""
                update capture_staging s set outcome = 'FAILED'
                where s.person_new and not exists (select 1 from person p where p.id = s.person_id)""").update();
    }

    private void resolveLeads(long productId) {
        jdbc.sql("""
                update capture_staging s set lead_id = l.id from lead l
                where s.outcome is null and not s.person_new and l.person_id = s.person_id and l.product_id = ?""")
                .param(productId).update();
    }

    private void createLeads(long productId) {
        // Like people, each new lead gets its id up front, so no row needs a second look-up in the lead table.
        // The account owner is a correlated look-up by primary key on purpose: right after the first chunk the
        // company table's statistics still say it is empty, and a join would then read it once per row.
        jdbc.sql("""
                update capture_staging s set lead_id = g.id, lead_new = true
                from (select person_id, nextval(pg_get_serial_sequence('lead', 'id')) as id
                      from (select distinct person_id from capture_staging where outcome is null and lead_id is null) d) g
                where s.outcome is null and s.lead_id is null and s.person_id = g.person_id""").update();
        jdbc.sql("""
                insert into lead (id, person_id, product_id, stage, source_channel, source_detail, owner_id,
                                  planned_adoption_date, expected_users, custom)
                select distinct on (s.person_id) s.lead_id, s.person_id, ?, 'NEW_LEAD', s.channel, s.source_detail,
                       (select c.account_owner_id from company c where c.id = s.company_id and c.existing_customer),
                       s.planned_adoption_date, s.expected_users, s.custom
                from capture_staging s
                where s.lead_new order by s.person_id, s.record_no
                on conflict (person_id, product_id) do nothing""").param(productId).update();
        // A form or the API created one of these leads meanwhile: the rows merge into that lead instead.
        if (jdbc.sql("""
                select exists (select 1 from capture_staging s
                               where s.lead_new and not exists (select 1 from lead l where l.id = s.lead_id))""")
                .query(Boolean.class).single()) {
            jdbc.sql("""
                    update capture_staging s set lead_id = l.id, lead_new = false from lead l
                    where s.lead_new and not exists (select 1 from lead o where o.id = s.lead_id)
                      and l.person_id = s.person_id and l.product_id = ?""").param(productId).update();
        }
        jdbc.sql("""
                update capture_staging s set outcome = 'CREATED'
                from (select distinct on (person_id) record_no from capture_staging where lead_new
                      order by person_id, record_no) f
                where s.record_no = f.record_no""").update();
    }

    /** Decides, before anything is written, which remaining rows bring something new. */
    private void judge(MergePolicy policy, long productId) {
        String[] personFields = {"company_id", "kana", "phone", "department", "job_title", "title_level"};
        StringBuilder news = new StringBuilder("false");
        for (String f : personFields) {
            news.append(policy == MergePolicy.OVERWRITE
                    ? " or s." + f + " is not null and s." + f + " is distinct from p." + f
                    : " or p." + f + " is null and s." + f + " is not null");
        }
        news.append(" or p.email is null and s.email is not null or p.external_id is null and s.external_id is not null");
        for (String f : new String[] {"planned_adoption_date", "expected_users"}) {
            news.append(policy == MergePolicy.OVERWRITE
                    ? " or s." + f + " is not null and s." + f + " is distinct from l." + f
                    : " or l." + f + " is null and s." + f + " is not null");
        }
        news.append(policy == MergePolicy.OVERWRITE ? " or not (l.custom @> s.custom)"
                : " or exists (select 1 from jsonb_object_keys(s.custom) k where not jsonb_exists(l.custom, k))");
        jdbc.sql("update capture_staging s set outcome = case when " + news + " then 'UPDATED' else 'UNCHANGED' end"
                + " from person p, lead l where s.outcome is null and p.id = s.person_id and l.id = s.lead_id")
                .update();
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
                from (select distinct on (person_id) * from capture_staging
                      where outcome = 'UPDATED' order by person_id, record_no desc) s
                where p.id = s.person_id""").update();
    }

    private void updateLeads(MergePolicy policy, long productId) {
        String set = policy == MergePolicy.OVERWRITE
                ? "planned_adoption_date = coalesce(s.planned_adoption_date, l.planned_adoption_date),"
                        + " expected_users = coalesce(s.expected_users, l.expected_users), custom = l.custom || s.custom"
                : "planned_adoption_date = coalesce(l.planned_adoption_date, s.planned_adoption_date),"
                        + " expected_users = coalesce(l.expected_users, s.expected_users), custom = s.custom || l.custom";
        jdbc.sql("update lead l set " + set + ", updated_at = now(), version = l.version + 1"
                + " from (select distinct on (lead_id) * from capture_staging where outcome = 'UPDATED'"
                + " order by lead_id, record_no desc) s where l.id = s.lead_id").update();
    }

    /** What the merge just decided for one record: its lead and outcome; read inside the merge's transaction. */
    record Decision(Long leadId, String outcome) {
    }

    Decision decision(long recordNo) {
        return jdbc.sql("select lead_id, outcome from capture_staging where record_no = ?").param(recordNo)
                .query((rs, n) -> new Decision((Long) rs.getObject(1), rs.getString(2))).single();
    }

    /** The addresses were handed over in writing: the basis the Act on Specified Electronic Mail accepts. */
    private void recordBusinessCards(Long jobId, List<Long> emailTypes) {
        if (emailTypes.isEmpty()) {
            return;
        }
        List<Long> people = jdbc.sql("""
                select distinct s.person_id from capture_staging s join person p on p.id = s.person_id
                where s.outcome <> 'FAILED' and p.email is not null""").query(Long.class).list();
        for (long type : emailTypes) {
            consents.grantAll(people, type, ConsentBasis.BUSINESS_CARD, "import:" + jobId);
        }
    }

    private void recordActivities(Long jobId, long productId, ActivityType type) {
        // One activity per lead and moment: a second row of the same visit, or a re-run of the same file,
        // adds nothing to the timeline. A new lead's first activity says so ("created") instead of a separate
        // LEAD_CREATED row, which would double the timeline writes of a large import.
        jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                select distinct on (s.lead_id, s.occurred_at) s.lead_id, ?, ?, s.occurred_at,
                       jsonb_strip_nulls(jsonb_build_object('channel', s.channel, 'source', s.source_detail,
                                                            'import', ?::bigint, 'line', s.line_no,
                                                            'created', case when s.outcome = 'CREATED' then true end))
                from capture_staging s
                where s.outcome <> 'FAILED' and s.lead_id is not null
                  and not exists (select 1 from activity a where a.lead_id = s.lead_id
                                  and a.occurred_at = s.occurred_at and a.type = ?)
                order by s.lead_id, s.occurred_at, s.record_no""")
                .params(productId, type.name(), jobId, type.name()).update();
    }
}
