package jp.nurture.leads.core.capture;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.lead.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Captures one lead from a single record that brings its own activity (a form submission): the record is read and normalised by the same
 * reader as an import row and merged by the same statements, so a person who came by form and by exhibition
 * list is one person with one lead per product.
 */
@Service
public class RecordCapture {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final StagingMerge merge;
    private final CustomFields customFields;
    private final JsonMapper json;

    RecordCapture(StagingMerge merge, CustomFields customFields, JsonMapper json) {
        this.merge = merge;
        this.customFields = customFields;
        this.json = json;
    }

    /** The person and lead a record was merged into; {@code created} when the product lead is new. */
    public record Captured(long personId, long leadId, boolean created, boolean changed) {
    }

    /**
     * Merges the values (keyed by {@link ImportField#key()} or {@code custom:<key>}) into person, company and the
     * product's lead. Existing values are kept (fill empty only): an anonymous visitor may add what is missing
     * but never replace what sales already know. Runs in the caller's transaction.
     *
     * @throws Rejected when a value cannot be read (its reason is a {@code capture.error.*} code)
     */
    @Transactional
    public Captured capture(long productId, Map<String, String> values, Channel channel, String sourceDetail,
            Instant occurredAt) {
        List<String> header = new ArrayList<>(values.keySet());
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        header.forEach(h -> mapping.put(h, h));
        RowReader reader = new RowReader(header, mapping, customFields.of(productId), channel, sourceDetail,
                LocalDateTime.ofInstant(occurredAt, JAPAN), json);
        StringBuilder line = new StringBuilder();
        try {
            reader.read(header.stream().map(values::get).toList(), 1, 1, line);
        } catch (RowReader.Rejected e) {
            throw new Rejected(e.reason, e.detail);
        }
        StagingMerge.Single single = merge.mergeOne(productId, MergePolicy.FILL_EMPTY, line);
        if (single.leadId() == null || "FAILED".equals(single.outcome())) {
            throw new Rejected("conflict", null);
        }
        return new Captured(single.personId(), single.leadId(), "CREATED".equals(single.outcome()),
                !"UNCHANGED".equals(single.outcome()));
    }

    /** A record capture could not read; {@code reason} is the code an import's failed-rows file also uses. */
    public static class Rejected extends RuntimeException {
        private final String reason;
        private final String detail;

        Rejected(String reason, String detail) {
            super("record rejected: " + reason);
            this.reason = reason;
            this.detail = detail;
        }

        public String reason() {
            return reason;
        }

        public String detail() {
            return detail;
        }
    }
}
