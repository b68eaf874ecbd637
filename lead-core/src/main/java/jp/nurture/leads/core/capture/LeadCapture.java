package jp.nurture.leads.core.capture;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.nurture.leads.core.activity.ActivityRecorded;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Captures one lead outside a file (the REST API): the record goes through the same reader and the same set-based
 * merge as an import row, so normalisation, dedupe (email, external id, company + name) and the merge policy are
 * the import's, not a second copy of them.
 */
@Service
public class LeadCapture {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final StagingMerge merge;
    private final CustomFields customFields;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    LeadCapture(StagingMerge merge, CustomFields customFields, JdbcClient jdbc, ApplicationEventPublisher events,
            JsonMapper json, Clock clock) {
        this.merge = merge;
        this.customFields = customFields;
        this.jdbc = jdbc;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** What capturing did to the lead. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    /** The lead a capture created or found. */
    public record Captured(long leadId, Outcome outcome) {
    }

    /**
     * A value was refused. {@code reason} is the import's reason code (email, phone, date, number, choice,
     * too_long, identity, unknown_field), {@code field} the mapping key at fault ({@code custom:<key>} for a custom
     * field; null when the record as a whole is at fault) and {@code value} what was given.
     */
    public static class InvalidCapture extends RuntimeException {
        private final String reason;
        private final String field;
        private final String value;

        InvalidCapture(String reason, String field, String value) {
            super("lead refused: " + reason + " " + field);
            this.reason = reason;
            this.field = field;
            this.value = value;
        }

        public String reason() {
            return reason;
        }

        public String field() {
            return field;
        }

        public String value() {
            return value;
        }
    }

    /** Someone else took the person's address or id at the same moment; the same request can be retried. */
    public static class CaptureConflict extends RuntimeException {
        CaptureConflict() {
            super("the person was created concurrently");
        }
    }

    /**
     * Creates or updates the person, company and product lead described by {@code values} (keys as in
     * {@link ImportField#key()}, custom fields as {@code custom:<key>}) and records one activity of {@code type}
     * now, publishing {@link ActivityRecorded} for it.
     */
    @Transactional
    public Captured capture(long productId, Map<String, String> values, Channel channel, String sourceDetail,
            ActivityType type, MergePolicy policy) {
        List<CustomField> fields = customFields.of(productId);
        Set<String> custom = fields.stream().map(CustomField::mappingKey).collect(Collectors.toSet());
        Map<String, String> known = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!custom.contains(key) && ImportField.ofKey(key).isEmpty()) {
                throw new InvalidCapture("unknown_field", key, value);
            }
            known.put(key, value);
        });
        List<String> header = new ArrayList<>(known.keySet());
        Map<String, String> mapping = header.stream().collect(Collectors.toMap(k -> k, k -> k));
        LocalDateTime now = LocalDateTime.now(clock.withZone(JAPAN)).withNano(0);
        RowReader reader = new RowReader(header, mapping, fields, channel, sourceDetail, now, json);
        StringBuilder line = new StringBuilder(256);
        try {
            reader.read(new ArrayList<>(known.values()), 1, 1, line);
        } catch (RowReader.Rejected rejected) {
            throw new InvalidCapture(rejected.reason, rejected.field, rejected.detail);
        }
        merge.merge(null, productId, policy, type, List.of(), line);
        StagingMerge.Decision decision = merge.decision(1);
        if ("FAILED".equals(decision.outcome()) || decision.leadId() == null) {
            throw new CaptureConflict();
        }
        jdbc.sql("""
                select id, occurred_at from activity
                where lead_id = ? and type = ? and occurred_at = ? order by id desc limit 1""")
                .params(decision.leadId(), type.name(), now.atZone(JAPAN).toOffsetDateTime())
                .query((rs, n) -> new ActivityRecorded(rs.getLong(1), decision.leadId(), productId, type,
                        rs.getTimestamp(2).toInstant()))
                .optional().ifPresent(events::publishEvent);
        return new Captured(decision.leadId(), Outcome.valueOf(decision.outcome()));
    }
}
