package jp.nurture.leads.core.segment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.stereotype.Component;

/**
 * Compiles a condition tree to ONE parameterised SQL query over lead, person and company. Fields and operators
 * come from allow-lists ({@link SegmentField}, {@link SegmentOperator}), values go only into parameters, LIKE
 * patterns are escaped. Behaviour conditions become {@code l.id in (select lead_id from activity ... group by
 * lead_id having count(*) >= ?)}, which PostgreSQL answers from the (product_id, type, occurred_at) index when
 * the segment names its product, so counts stay fast with tens of millions of activities.
 */
@Component
public class SegmentCompiler {

    /** Calendar windows ("last calendar year", "between dates") are Japanese calendar days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final int MAX_NODES = 60;
    static final int MAX_DEPTH = 6;
    static final int MAX_VALUE = 200;
    static final int MAX_DAYS = 36_500;
    static final int MAX_TIMES = 100_000;
    static final String CUSTOM_KEY = "[A-Za-z0-9_\\-]{1,60}";
    // Written without "?" so a quantifier can never be mistaken for a parameter marker.
    static final String NUMBER = "^-{0,1}[0-9]{1,15}([.][0-9]{1,6}){0,1}$";
    static final String ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    /** The operators a custom field allows; its values are text, so ordering works on numbers and dates. */
    public static final List<SegmentOperator> CUSTOM_OPERATORS = List.of(SegmentOperator.EQUALS,
            SegmentOperator.NOT_EQUALS, SegmentOperator.CONTAINS, SegmentOperator.STARTS_WITH, SegmentOperator.IS_SET,
            SegmentOperator.IS_EMPTY, SegmentOperator.AT_LEAST, SegmentOperator.AT_MOST);

    private final Clock clock;

    SegmentCompiler(Clock clock) {
        this.clock = clock;
    }

    /** The query selecting the ids of the leads in the segment that the scope allows. */
    public SegmentSql compile(Condition root, ProductScope scope) {
        Context context = new Context(productOf(root));
        StringBuilder sql = new StringBuilder("""
                select l.id from lead l
                left join person p on p.id = l.person_id
                left join company c on c.id = p.company_id
                where
                """);
        if (scope.sqlFilter() != null) {
            sql.append("l.product_id = any(?) and ");
            context.params.add(scope.sqlFilter());
        }
        sql.append(condition(root, context, 0));
        return new SegmentSql(sql.toString(), context.params);
    }

    private String condition(Condition condition, Context context, int depth) {
        if (++context.nodes > MAX_NODES) {
            throw new InvalidSegment("segment.invalid.tooLarge", MAX_NODES);
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidSegment("segment.invalid.tooDeep", MAX_DEPTH);
        }
        if (condition == null) {
            throw new InvalidSegment("segment.invalid.incomplete");
        }
        if (condition instanceof Condition.Group group) {
            return group(group, context, depth);
        }
        if (condition instanceof Condition.FieldIs field) {
            return field(field, context);
        }
        if (condition instanceof Condition.HasActivity activity) {
            return activity(activity, context);
        }
        if (condition instanceof Condition.CustomFieldIs custom) {
            return custom(custom, context);
        }
        if (condition instanceof Condition.Consent consent) {
            return consent(consent, context);
        }
        return inactive((Condition.Inactive) condition, context);
    }

    private String group(Condition.Group group, Context context, int depth) {
        if (group.children().isEmpty()) {
            // An empty group does not narrow: "all of nothing" is everyone, "none of nothing" too.
            return group.junction() == Condition.Junction.ANY ? "false" : "true";
        }
        List<String> parts = new ArrayList<>();
        for (Condition child : group.children()) {
            parts.add("(" + condition(child, context, depth + 1) + ")");
        }
        return switch (group.junction()) {
            case ALL -> String.join(" and ", parts);
            case ANY -> String.join(" or ", parts);
            case NONE -> "not (" + String.join(" or ", parts) + ")";
        };
    }

    private String field(Condition.FieldIs condition, Context context) {
        SegmentField field = condition.field();
        SegmentOperator operator = condition.operator();
        if (field == null || operator == null) {
            throw new InvalidSegment("segment.invalid.incomplete");
        }
        if (!field.kind().operators().contains(operator)) {
            throw new InvalidSegment("segment.invalid.operator");
        }
        String column = field.column();
        String value = condition.value() == null ? "" : condition.value().strip();
        if (operator.needsValue() && value.isEmpty()) {
            throw new InvalidSegment("segment.invalid.value");
        }
        if (value.length() > MAX_VALUE) {
            throw new InvalidSegment("segment.invalid.valueTooLong", MAX_VALUE);
        }
        return switch (operator) {
            case IS_SET -> field.kind() == SegmentField.Kind.TEXT
                    ? "coalesce(" + column + ", '') <> ''" : column + " is not null";
            case IS_EMPTY -> field.kind() == SegmentField.Kind.TEXT
                    ? "coalesce(" + column + ", '') = ''" : column + " is null";
            case IS_TRUE -> "coalesce(" + column + ", false)";
            case IS_FALSE -> "not coalesce(" + column + ", false)";
            // A comparison with a missing value (no company, no owner) is false, never null: under "none of"
            // a null would drop the lead from both a condition and its negation.
            case EQUALS -> context.param(known(column + " = ?"), typed(field, value));
            case NOT_EQUALS -> context.param(column + " is distinct from ?", typed(field, value));
            case CONTAINS -> context.param(known(column + " ilike ?"), "%" + escapeLike(value) + "%");
            case STARTS_WITH -> context.param(known(column + " ilike ?"), escapeLike(value) + "%");
            case AT_LEAST -> context.param(known(column + " >= ?"), typed(field, value));
            case AT_MOST -> context.param(known(column + " <= ?"), typed(field, value));
            case MORE_THAN_DAYS_AGO -> context.param(known(column + " < ?"), daysAgo(days(value)));
            case WITHIN_DAYS -> context.param(known(column + " >= ?"), daysAgo(days(value)));
        };
    }

    private static String known(String comparison) {
        return "coalesce(" + comparison + ", false)";
    }

    private Object typed(SegmentField field, String value) {
        return switch (field.kind()) {
            case NUMBER -> number(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case ID -> (long) number(value, 1, Integer.MAX_VALUE);
            case CHOICE -> {
                String name = value.toUpperCase(Locale.ROOT);
                if (!field.choices().contains(name)) {
                    throw new InvalidSegment("segment.invalid.choice");
                }
                yield name;
            }
            default -> value;
        };
    }

    private String custom(Condition.CustomFieldIs condition, Context context) {
        String key = condition.key() == null ? "" : condition.key().strip();
        SegmentOperator operator = condition.operator();
        if (key.isEmpty() || operator == null) {
            throw new InvalidSegment("segment.invalid.incomplete");
        }
        // The key only ever travels as a parameter; the pattern keeps it to what custom field keys look like.
        if (!key.matches(CUSTOM_KEY) || !CUSTOM_OPERATORS.contains(operator)) {
            throw new InvalidSegment("segment.invalid.customField");
        }
        String value = condition.value() == null ? "" : limited(condition.value());
        if (operator.needsValue() && value.isEmpty()) {
            throw new InvalidSegment("segment.invalid.value");
        }
        String field = "(l.custom ->> ?)";
        context.params.add(key);
        return switch (operator) {
            case IS_SET -> "coalesce(" + field + ", '') <> ''";
            case IS_EMPTY -> "coalesce(" + field + ", '') = ''";
            case EQUALS -> context.param(known(field + " = ?"), value);
            case NOT_EQUALS -> context.param(field + " is distinct from ?", value);
            case CONTAINS -> context.param(known(field + " ilike ?"), "%" + escapeLike(value) + "%");
            case STARTS_WITH -> context.param(known(field + " ilike ?"), escapeLike(value) + "%");
            case AT_LEAST, AT_MOST -> ordered(field, operator == SegmentOperator.AT_LEAST ? ">=" : "<=", key, value,
                    context);
            default -> throw new InvalidSegment("segment.invalid.customField");
        };
    }

    /** A number compares as a number, an ISO date as a date; values of another kind in the lead never match. */
    private static String ordered(String field, String comparison, String key, String value, Context context) {
        context.params.add(key);
        if (value.matches(NUMBER)) {
            context.params.add(new java.math.BigDecimal(value));
            return "coalesce(case when " + field + " ~ '" + NUMBER + "' then cast(" + field + " as numeric) end "
                    + comparison + " ?, false)";
        }
        if (value.matches(ISO_DATE)) {
            try {
                context.params.add(LocalDate.parse(value).toString());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidSegment("segment.invalid.dates");
            }
            return "coalesce(case when " + field + " ~ '" + ISO_DATE + "' then " + field + " end " + comparison
                    + " ?, false)";
        }
        throw new InvalidSegment("segment.invalid.number");
    }

    private String consent(Condition.Consent condition, Context context) {
        String code = condition.emailType() == null ? "" : condition.emailType().strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z0-9_]{1,40}")) {
            throw new InvalidSegment("segment.invalid.emailType");
        }
        context.params.add(code);
        String receivable = jp.nurture.leads.core.consent.Consents.receivableSql("p",
                "(select et.id from email_type et where et.product_id = l.product_id and et.code = ?)");
        return condition.receivable() ? "coalesce(" + receivable + ", false)"
                : "not coalesce(" + receivable + ", false)";
    }

    private String activity(Condition.HasActivity activity, Context context) {
        if (activity.type() == null) {
            throw new InvalidSegment("segment.invalid.incomplete");
        }
        if (activity.atLeast() > MAX_TIMES) {
            throw new InvalidSegment("segment.invalid.number");
        }
        StringBuilder sql = new StringBuilder("l.id in (select a.lead_id from activity a where a.type = ?");
        context.params.add(activity.type().name());
        if (context.productId != null) {
            sql.append(" and a.product_id = ?");
            context.params.add(context.productId);
        }
        window(activity.window(), sql, context);
        textFilter(sql, context, "a.detail ->> 'url'", activity.url(), true);
        if (notBlank(activity.topic())) {
            // Containment on a parameter built here: {"topics": ["<topic>"]} as jsonb, nothing concatenated.
            sql.append(" and a.detail -> 'topics' @> jsonb_build_array(cast(? as text))");
            context.params.add(limited(activity.topic()));
        }
        textFilter(sql, context, "a.detail ->> 'form'", activity.form(), false);
        textFilter(sql, context, "coalesce(a.detail ->> 'campaign', a.detail ->> 'source')", activity.campaign(), true);
        textFilter(sql, context, "a.detail ->> 'emailType'", activity.emailType(), false);
        if (activity.atLeast() == 1) {
            // "At least once" is a plain semi-join; counting per lead would only cost an aggregate.
            sql.append(")");
        } else {
            sql.append(" group by a.lead_id having count(*) >= ?)");
            context.params.add(activity.atLeast());
        }
        return sql.toString();
    }

    private void window(Condition.Window window, StringBuilder sql, Context context) {
        switch (window.kind()) {
            case ANY_TIME -> {
            }
            case LAST_DAYS -> {
                if (window.days() == null || window.days() < 1 || window.days() > MAX_DAYS) {
                    throw new InvalidSegment("segment.invalid.days");
                }
                sql.append(" and a.occurred_at >= ?");
                context.params.add(daysAgo(window.days()));
            }
            case BETWEEN -> {
                if (window.from() == null || window.to() == null || window.to().isBefore(window.from())) {
                    throw new InvalidSegment("segment.invalid.dates");
                }
                sql.append(" and a.occurred_at >= ? and a.occurred_at < ?");
                context.params.add(startOf(window.from()));
                context.params.add(startOf(window.to().plusDays(1)));
            }
            case LAST_CALENDAR_YEAR -> {
                int year = LocalDate.now(clock.withZone(ZONE)).getYear() - 1;
                sql.append(" and a.occurred_at >= ? and a.occurred_at < ?");
                context.params.add(startOf(LocalDate.of(year, 1, 1)));
                context.params.add(startOf(LocalDate.of(year + 1, 1, 1)));
            }
        }
    }

    private String inactive(Condition.Inactive inactive, Context context) {
        if (inactive.days() < 1 || inactive.days() > MAX_DAYS) {
            throw new InvalidSegment("segment.invalid.days");
        }
        context.params.add(daysAgo(inactive.days()));
        return "not exists (select 1 from activity a where a.lead_id = l.id and a.occurred_at >= ?)";
    }

    private static void textFilter(StringBuilder sql, Context context, String expression, String value,
            boolean contains) {
        if (!notBlank(value)) {
            return;
        }
        if (contains) {
            sql.append(" and ").append(expression).append(" ilike ?");
            context.params.add("%" + escapeLike(limited(value)) + "%");
        } else {
            sql.append(" and ").append(expression).append(" = ?");
            context.params.add(limited(value));
        }
    }

    /** The product the whole segment is limited to (a top-level "product is X"), used to narrow activity scans. */
    private static Long productOf(Condition root) {
        if (root instanceof Condition.Group group && group.junction() == Condition.Junction.ALL) {
            for (Condition child : group.children()) {
                if (child instanceof Condition.FieldIs f && f.field() == SegmentField.LEAD_PRODUCT
                        && f.operator() == SegmentOperator.EQUALS && f.value() != null
                        && f.value().strip().matches("\\d{1,18}")) {
                    return Long.parseLong(f.value().strip());
                }
            }
        }
        return null;
    }

    private Timestamp daysAgo(int days) {
        return Timestamp.from(clock.instant().minus(Duration.ofDays(days)));
    }

    private static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZONE).toInstant());
    }

    private static int days(String value) {
        return number(value, 1, MAX_DAYS);
    }

    private static int number(String value, int min, int max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < min || n > max) {
                throw new InvalidSegment("segment.invalid.number");
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new InvalidSegment("segment.invalid.number");
        }
    }

    private static String limited(String value) {
        String v = value.strip();
        if (v.length() > MAX_VALUE) {
            throw new InvalidSegment("segment.invalid.valueTooLong", MAX_VALUE);
        }
        return v;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static final class Context {
        final List<Object> params = new ArrayList<>();
        final Long productId;
        int nodes;

        Context(Long productId) {
            this.productId = productId;
        }

        String param(String sql, Object value) {
            params.add(value);
            return sql;
        }
    }
}
