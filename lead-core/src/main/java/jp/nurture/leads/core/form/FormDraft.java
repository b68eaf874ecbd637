package jp.nurture.leads.core.form;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.lead.Channel;

/**
 * What the builder sends when a form is saved; checked as a whole by {@link Forms#update}. {@code positions} holds
 * what the marketer typed in each field's order box (by field key), kept as text so a bad entry can be shown back
 * as typed; without positions the fields are asked in the order of {@code fields}.
 */
public record FormDraft(String name, String language, Channel channel, String sourceDetail, List<FormField> fields,
        List<Long> consentTypes, boolean progressive, String thankYouJa, String thankYouEn, String redirectUrl,
        long version, Map<String, String> positions) {

    /** The highest order a field may be given: more than any form has fields, low enough to catch a slip. */
    public static final int MAX_POSITION = 999;

    public FormDraft {
        positions = positions == null ? Map.of() : Map.copyOf(positions);
    }

    /** A draft whose fields are already in the order they are asked. */
    public FormDraft(String name, String language, Channel channel, String sourceDetail, List<FormField> fields,
            List<Long> consentTypes, boolean progressive, String thankYouJa, String thankYouEn, String redirectUrl,
            long version) {
        this(name, language, channel, sourceDetail, fields, consentTypes, progressive, thankYouJa, thankYouEn,
                redirectUrl, version, Map.of());
    }

    /**
     * The fields in the order the marketer chose. A blank order box means "no preference" and puts the field last,
     * as a field ticked without touching its number is expected to join the end; ties keep the order of
     * {@code fields}, which the builder sends in catalogue order. A bad entry also sorts last here, but
     * {@link Forms#update} refuses it, since silently moving a field on a live form would surprise.
     */
    public List<FormField> orderedFields() {
        if (fields == null) {
            return List.of();
        }
        // Stream.sorted is stable on a list, which is what keeps ties in the given order.
        return fields.stream().sorted(Comparator.comparingInt(f -> rank(position(f.key())))).toList();
    }

    /** The typed order of a field, or null when the box was left blank. */
    String position(String key) {
        String typed = positions.get(key);
        return typed == null || typed.isBlank() ? null : typed.strip();
    }

    /**
     * The order a typed entry stands for: blank and bad entries last. Full-width digits, which a Japanese input
     * method often gives, count as digits.
     */
    static int rank(String typed) {
        Integer position = parsePosition(typed);
        return position == null ? Integer.MAX_VALUE : position;
    }

    /** A whole number from 1 to {@link #MAX_POSITION}, or null for anything else (blank included). */
    static Integer parsePosition(String typed) {
        if (typed == null || typed.isBlank() || typed.strip().length() > 6) {
            return null;
        }
        try {
            int position = Integer.parseInt(typed.strip());
            return position >= 1 && position <= MAX_POSITION ? position : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
