package jp.nurture.leads.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and reads the audit log. An entry is written in the transaction of the change it records, so there is
 * never a change without its entry nor an entry for a change that rolled back. Details hold codes and ids, never a
 * person's name or address.
 */
@Service
public class AuditLog {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };
    public static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectProvider<AuditActor> actor;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, ObjectProvider<AuditActor> actor, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.actor = actor;
        this.clock = clock;
    }

    /** Records a change made by whoever is acting now (the system when nobody is signed in). */
    @Transactional
    public void record(AuditAction action, String subjectType, Long subjectId, Long productId,
            Map<String, ?> detail) {
        AuditActor.Actor who = actor.stream().findFirst().flatMap(AuditActor::current).orElse(null);
        record(action, subjectType, subjectId, productId, detail, who == null ? null : who.id());
    }

    /** Records a change made by the given user (null: the system). */
    @Transactional
    public void record(AuditAction action, String subjectType, Long subjectId, Long productId,
            Map<String, ?> detail, Long actorId) {
        jdbc.sql("""
                insert into audit_event (occurred_at, actor_id, actor_name, action, subject_type, subject_id,
                                         product_id, detail)
                values (?, ?, coalesce((select username from app_user where id = ?), ?), ?, ?, ?, ?, cast(? as jsonb))""")
                .params(Timestamp.from(clock.instant()), actorId, actorId, SYSTEM, action.name(), subjectType,
                        subjectId, productId, json.writeValueAsString(detail == null ? Map.of() : detail))
                .update();
    }

    /** What the viewer filters by; null fields do not narrow. */
    public record Filter(AuditAction action, String subjectType, Long subjectId, Instant from, Instant to) {
        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    /** The newest entries matching the filter, older than {@code beforeId} when given (keyset paging). */
    @Transactional(readOnly = true)
    public List<AuditEntry> find(Filter filter, Long beforeId, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        if (beforeId != null) {
            where += " and id < ?";
            params.add(beforeId);
        }
        params.add(Math.max(1, Math.min(limit, 500)));
        return jdbc.sql("select id, occurred_at, actor_id, actor_name, action, subject_type, subject_id, product_id, "
                        + "detail from audit_event where " + where + " order by id desc limit ?")
                .params(params).query(this::entry).list();
    }

    /** Writes every entry matching the filter as CSV (oldest first), streaming from the database. */
    @Transactional(readOnly = true)
    public void export(Filter filter, Writer out) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL);
            csv.printRecord("id", "occurred_at", "actor_id", "actor", "action", "subject_type", "subject_id",
                    "product_id", "detail");
            jdbc.sql("select id, occurred_at, actor_id, actor_name, action, subject_type, subject_id, product_id, "
                            + "detail from audit_event where " + where + " order by id")
                    .params(params)
                    .query(rs -> {
                        AuditEntry e = entry(rs, 0);
                        try {
                            csv.printRecord(e.id(), e.occurredAt(), e.actorId(), neutralise(e.actorName()),
                                    e.action(), e.subjectType(), e.subjectId(), e.productId(),
                                    neutralise(json.writeValueAsString(e.detail())));
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("true");
        if (filter.action() != null) {
            where.append(" and action = ?");
            params.add(filter.action().name());
        }
        if (filter.subjectType() != null && !filter.subjectType().isBlank()) {
            where.append(" and subject_type = ?");
            params.add(filter.subjectType().strip());
        }
        if (filter.subjectId() != null) {
            where.append(" and subject_id = ?");
            params.add(filter.subjectId());
        }
        if (filter.from() != null) {
            where.append(" and occurred_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        return where.toString();
    }

    /** Keeps a spreadsheet from running a cell as a formula. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    private AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3), rs.getString(4),
                AuditAction.valueOf(rs.getString(5)), rs.getString(6), (Long) rs.getObject(7),
                (Long) rs.getObject(8), json.readValue(rs.getString(9), DETAIL));
    }
}
