package jp.nurture.leads.core.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import jp.nurture.leads.core.party.JapaneseText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who may receive which email type, and answers whether a send may go out. Every effective change is
 * kept in {@code consent_history} with its source and time, and shows on the lead's timeline for that product.
 * The global suppression list is keyed by a hash of the address, so it keeps working after a person is erased.
 */
@Service
public class Consents {

    private static final int MAX_SOURCE = 200;

    private final JdbcClient jdbc;
    private final ActivityLog activities;
    private final Clock clock;
    private final AuditLog audit;

    Consents(JdbcClient jdbc, ActivityLog activities, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.activities = activities;
        this.clock = clock;
    }

    /**
     * The SQL condition "the person may receive this email type now": a granted consent and an address that is
     * not suppressed. For set-based senders that check at claim time. Both arguments are SQL written by the
     * caller (an alias such as {@code p}, and a parameter marker or column such as {@code :emailTypeId} or
     * {@code t.email_type_id}), never user input.
     */
    public static String receivableSql(String personAlias, String emailTypeIdExpression) {
        return """
                (%1$s.email is not null
                 and exists (select 1 from consent c where c.person_id = %1$s.id and c.email_type_id = %2$s
                             and c.status = 'GRANTED')
                 and not exists (select 1 from email_suppression s
                                 where s.email_hash = sha256(convert_to(%1$s.email, 'UTF8'))))"""
                .formatted(personAlias, emailTypeIdExpression);
    }

    /** The suppression key of an address: SHA-256 of its normalised (lower-case, half-width) form. */
    public static byte[] addressHash(String email) {
        String normalized = JapaneseText.email(email);
        if (normalized == null) {
            throw new IllegalArgumentException("no address");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a basis for sending this email type to the person. An opt-in always takes effect (the person asked
     * again); a business card never overrides an earlier withdrawal or an opt-in already on record.
     *
     * @return whether anything changed
     */
    @Transactional
    public boolean grant(long personId, long emailTypeId, ConsentBasis basis, String source) {
        boolean changed = grantAll(List.of(personId), emailTypeId, basis, source) > 0;
        if (changed) {
            onTimeline(personId, emailTypeId, ActivityType.CONSENT_GIVEN, basis, source);
            audit.record(AuditAction.CONSENT_GIVEN, "PERSON", personId, productOf(emailTypeId),
                    Map.of("emailTypeId", emailTypeId, "basis", basis.name(), "source", source(source)));
        }
        return changed;
    }

    /**
     * {@link #grant} for many people in one statement (imports); does not write timeline entries.
     *
     * @return how many people's consent changed
     */
    @Transactional
    public int grantAll(Collection<Long> personIds, long emailTypeId, ConsentBasis basis, String source) {
        if (personIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                with changed as (
                    insert into consent (person_id, email_type_id, status, basis, source, recorded_at)
                    select distinct p, ?::bigint, 'GRANTED', ?, ?, ?::timestamptz from unnest(?::bigint[]) p
                    on conflict (person_id, email_type_id) do update
                        set status = 'GRANTED', basis = excluded.basis, source = excluded.source,
                            recorded_at = excluded.recorded_at
                        where excluded.basis = 'OPT_IN'
                    returning person_id, email_type_id, status, basis, source, recorded_at)
                insert into consent_history (person_id, email_type_id, status, basis, source, recorded_at)
                select person_id, email_type_id, status, basis, source, recorded_at from changed""")
                .params(emailTypeId, basis.name(), source(source), java.sql.Timestamp.from(clock.instant()),
                        personIds.toArray(Long[]::new))
                .update();
    }

    /**
     * The person no longer receives this email type. Also recorded when nothing was granted, so that a later
     * business card does not bring the type back.
     *
     * @return whether anything changed
     */
    @Transactional
    public boolean withdraw(long personId, long emailTypeId, String source) {
        int changed = jdbc.sql("""
                with changed as (
                    insert into consent (person_id, email_type_id, status, basis, source, recorded_at)
                    values (?, ?, 'WITHDRAWN', null, ?, ?)
                    on conflict (person_id, email_type_id) do update
                        set status = 'WITHDRAWN', source = excluded.source, recorded_at = excluded.recorded_at
                        where consent.status = 'GRANTED'
                    returning person_id, email_type_id, status, basis, source, recorded_at)
                insert into consent_history (person_id, email_type_id, status, basis, source, recorded_at)
                select person_id, email_type_id, status, basis, source, recorded_at from changed""")
                .params(personId, emailTypeId, source(source), java.sql.Timestamp.from(clock.instant()))
                .update();
        if (changed > 0) {
            onTimeline(personId, emailTypeId, ActivityType.CONSENT_WITHDRAWN, null, source);
            audit.record(AuditAction.CONSENT_WITHDRAWN, "PERSON", personId, productOf(emailTypeId),
                    Map.of("emailTypeId", emailTypeId, "source", source(source)));
        }
        return changed > 0;
    }

    /** The person receives nothing any more, from any product: every type withdrawn and the address suppressed. */
    @Transactional
    public void optOutEverywhere(long personId, String source) {
        List<Long> granted = jdbc.sql("""
                select email_type_id from consent where person_id = ? and status = 'GRANTED' order by email_type_id""")
                .param(personId).query(Long.class).list();
        for (long emailTypeId : granted) {
            withdraw(personId, emailTypeId, source);
        }
        jdbc.sql("select email from person where id = ?").param(personId).query(String.class).optional()
                .ifPresent(email -> suppress(email, SuppressionReason.OPT_OUT, source));
        audit.record(AuditAction.OPTED_OUT_EVERYWHERE, "PERSON", personId, null, Map.of("source", source(source)));
    }

    /** Puts an address on the global suppression list; an address already there keeps its first reason. */
    @Transactional
    public void suppress(String email, SuppressionReason reason, String source) {
        jdbc.sql("""
                insert into email_suppression (email_hash, reason, source, recorded_at) values (?, ?, ?, ?)
                on conflict (email_hash) do nothing""")
                .params(addressHash(email), reason.name(), source(source), java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    @Transactional(readOnly = true)
    public boolean isSuppressed(String email) {
        if (JapaneseText.email(email) == null) {
            return false;
        }
        return jdbc.sql("select exists (select 1 from email_suppression where email_hash = ?)")
                .param(addressHash(email)).query(Boolean.class).single();
    }

    /** Whether this email type may be sent to the person now (the check a sender repeats at send time). */
    @Transactional(readOnly = true)
    public boolean mayReceive(long personId, long emailTypeId) {
        return jdbc.sql("select exists (select 1 from person p where p.id = :person and "
                        + receivableSql("p", ":emailType") + ")")
                .param("person", personId).param("emailType", emailTypeId).query(Boolean.class).single();
    }

    /** The person's state for every email type with a record, by product then type. */
    @Transactional(readOnly = true)
    public List<ConsentState> ofPerson(long personId) {
        return jdbc.sql("""
                select t.id, t.product_id, t.code, t.name_ja, t.name_en, c.status, c.basis, c.source, c.recorded_at
                from consent c join email_type t on t.id = c.email_type_id
                where c.person_id = ? order by t.product_id, t.id""")
                .param(personId).query(Consents::state).list();
    }

    private Long productOf(long emailTypeId) {
        return jdbc.sql("select product_id from email_type where id = ?").param(emailTypeId).query(Long.class)
                .optional().orElse(null);
    }

    private void onTimeline(long personId, long emailTypeId, ActivityType type, ConsentBasis basis, String source) {
        jdbc.sql("""
                select l.id, l.product_id, t.code from lead l join email_type t on t.product_id = l.product_id
                where l.person_id = ? and t.id = ?""")
                .params(personId, emailTypeId)
                .query((rs, n) -> new NewActivity(rs.getLong(1), rs.getLong(2), type, clock.instant(), null,
                        basis == null
                                ? Map.of("emailType", rs.getString(3), "source", source(source))
                                : Map.of("emailType", rs.getString(3), "basis", basis.name(), "source", source(source))))
                .optional().ifPresent(activities::record);
    }

    private static String source(String source) {
        String value = source == null || source.isBlank() ? "unknown" : source.strip();
        return value.length() > MAX_SOURCE ? value.substring(0, MAX_SOURCE) : value;
    }

    private static ConsentState state(ResultSet rs, int row) throws SQLException {
        String basis = rs.getString(7);
        return new ConsentState(
                new EmailType(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                ConsentStatus.valueOf(rs.getString(6)), basis == null ? null : ConsentBasis.valueOf(basis),
                rs.getString(8), rs.getTimestamp(9).toInstant());
    }
}
