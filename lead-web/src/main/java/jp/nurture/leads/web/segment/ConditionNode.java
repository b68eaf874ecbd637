package jp.nurture.leads.web.segment;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.segment.Condition;
import jp.nurture.leads.core.segment.InvalidSegment;
import jp.nurture.leads.core.segment.SegmentCompiler;
import jp.nurture.leads.core.segment.SegmentField;
import jp.nurture.leads.core.segment.SegmentOperator;
import org.springframework.util.MultiValueMap;

/**
 * The builder's editable form of a condition tree. The page posts every node as flat parameters named
 * {@code n.<path>.<property>} (path "0" is the root group, "0.2" its third child), so the tree round-trips
 * through plain form fields and htmx needs no client-side state. Unknown or malformed values are kept as typed
 * and reported when the tree is turned into a {@link Condition}.
 */
final class ConditionNode {

    static final String GROUP = "group";
    static final String FIELD = "field";
    static final String ACTIVITY = "activity";
    static final String INACTIVE = "inactive";
    static final String CUSTOM = "custom";
    static final String CONSENT = "consent";
    static final int MAX_NODES = 60;

    String path = "0";
    String kind = GROUP;
    String junction = Condition.Junction.ALL.name();
    String field = SegmentField.LEAD_PRODUCT.name();
    String operator = "";
    String value = "";
    String key = "";
    String activityType = ActivityType.PAGE_VIEWED.name();
    String url = "";
    String topic = "";
    String form = "";
    String campaign = "";
    String emailType = "";
    String atLeast = "1";
    String window = Condition.WindowKind.LAST_DAYS.name();
    String days = "30";
    String from = "";
    String to = "";
    final List<ConditionNode> children = new ArrayList<>();

    static ConditionNode emptyRoot() {
        return new ConditionNode();
    }

    /** Reads the tree from the posted parameters; a missing root gives an empty ALL group. */
    static ConditionNode parse(MultiValueMap<String, String> params) {
        Map<String, ConditionNode> byPath = new TreeMap<>(Comparator.comparing((String p) -> sortKey(p)));
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith("n.") || entry.getValue().isEmpty()) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            if (dot <= 2) {
                continue;
            }
            String path = key.substring(2, dot);
            if (!path.matches("0(\\.\\d{1,3}){0,8}") || byPath.size() > MAX_NODES * 2) {
                continue;
            }
            ConditionNode node = byPath.computeIfAbsent(path, p -> {
                ConditionNode n = new ConditionNode();
                n.path = p;
                return n;
            });
            node.set(key.substring(dot + 1), entry.getValue().get(0));
        }
        ConditionNode root = byPath.getOrDefault("0", emptyRoot());
        root.kind = GROUP;
        for (ConditionNode node : byPath.values()) {
            if (node.path.equals("0")) {
                continue;
            }
            ConditionNode parent = byPath.get(node.path.substring(0, node.path.lastIndexOf('.')));
            if (parent != null && GROUP.equals(parent.kind)) {
                parent.children.add(node);
            }
        }
        root.renumber("0");
        return root;
    }

    /** The editable tree of a saved condition. */
    static ConditionNode of(Condition condition) {
        ConditionNode node = new ConditionNode();
        if (condition instanceof Condition.Group g) {
            node.kind = GROUP;
            node.junction = g.junction().name();
            g.children().forEach(c -> node.children.add(of(c)));
        } else if (condition instanceof Condition.FieldIs f) {
            node.kind = FIELD;
            node.field = f.field().name();
            node.operator = f.operator().name();
            node.value = f.value() == null ? "" : f.value();
        } else if (condition instanceof Condition.HasActivity a) {
            node.kind = ACTIVITY;
            node.activityType = a.type().name();
            node.url = blank(a.url());
            node.topic = blank(a.topic());
            node.form = blank(a.form());
            node.campaign = blank(a.campaign());
            node.emailType = blank(a.emailType());
            node.atLeast = String.valueOf(a.atLeast());
            node.window = a.window().kind().name();
            node.days = a.window().days() == null ? "" : String.valueOf(a.window().days());
            node.from = a.window().from() == null ? "" : a.window().from().toString();
            node.to = a.window().to() == null ? "" : a.window().to().toString();
        } else if (condition instanceof Condition.Inactive i) {
            node.kind = INACTIVE;
            node.days = String.valueOf(i.days());
        } else if (condition instanceof Condition.CustomFieldIs c) {
            node.kind = CUSTOM;
            node.key = blank(c.key());
            node.operator = c.operator() == null ? "" : c.operator().name();
            node.value = blank(c.value());
        } else if (condition instanceof Condition.Consent c) {
            node.kind = CONSENT;
            node.emailType = blank(c.emailType());
            node.operator = c.receivable() ? SegmentOperator.IS_TRUE.name() : SegmentOperator.IS_FALSE.name();
        }
        if (condition instanceof Condition.Group) {
            node.renumber("0");
        }
        return node;
    }

    /**
     * Applies a builder action: {@code add:<path>:<kind>} adds a condition to the group at path,
     * {@code remove:<path>} removes a node. Unknown actions change nothing.
     */
    void apply(String action) {
        if (action == null) {
            return;
        }
        String[] parts = action.split(":");
        if (parts.length == 3 && parts[0].equals("add")) {
            ConditionNode group = find(parts[1]);
            if (group != null && GROUP.equals(group.kind) && count() < MAX_NODES
                    && List.of(GROUP, FIELD, ACTIVITY, INACTIVE, CUSTOM, CONSENT).contains(parts[2])) {
                ConditionNode child = new ConditionNode();
                child.kind = parts[2];
                if (FIELD.equals(child.kind)) {
                    child.field = SegmentField.LEAD_STAGE.name();
                }
                if (INACTIVE.equals(child.kind)) {
                    child.days = "180";
                }
                if (CUSTOM.equals(child.kind)) {
                    child.operator = SegmentOperator.EQUALS.name();
                }
                if (CONSENT.equals(child.kind)) {
                    child.operator = SegmentOperator.IS_TRUE.name();
                    child.emailType = "NEWSLETTER";
                }
                group.children.add(child);
            }
        } else if (parts.length == 2 && parts[0].equals("remove")) {
            String target = parts[1];
            int dot = target.lastIndexOf('.');
            if (dot > 0) {
                ConditionNode parent = find(target.substring(0, dot));
                if (parent != null) {
                    parent.children.removeIf(c -> c.path.equals(target));
                }
            }
        }
        renumber("0");
    }

    /** The condition this tree stands for. */
    Condition toCondition() {
        return switch (kind) {
            case GROUP -> new Condition.Group(enumOf(Condition.Junction.class, junction),
                    children.stream().map(ConditionNode::toCondition).toList());
            case FIELD -> {
                SegmentField f = enumOf(SegmentField.class, field);
                SegmentOperator op = operator == null || operator.isBlank() ? f.kind().operators().get(0)
                        : enumOf(SegmentOperator.class, operator);
                yield new Condition.FieldIs(f, op, value);
            }
            case ACTIVITY -> new Condition.HasActivity(enumOf(ActivityType.class, activityType), url, topic, form,
                    campaign, emailType, number(atLeast), windowOf());
            case INACTIVE -> new Condition.Inactive(number(days));
            case CUSTOM -> new Condition.CustomFieldIs(key, operator == null || operator.isBlank()
                    ? SegmentOperator.EQUALS : enumOf(SegmentOperator.class, operator), value);
            case CONSENT -> new Condition.Consent(emailType, !SegmentOperator.IS_FALSE.name().equals(operator));
            default -> throw new InvalidSegment("segment.invalid.incomplete");
        };
    }

    private Condition.Window windowOf() {
        Condition.WindowKind k = enumOf(Condition.WindowKind.class, window);
        return switch (k) {
            case ANY_TIME -> Condition.Window.anyTime();
            case LAST_DAYS -> Condition.Window.lastDays(number(days));
            case LAST_CALENDAR_YEAR -> Condition.Window.lastCalendarYear();
            case BETWEEN -> Condition.Window.between(date(from), date(to));
        };
    }

    /** The operators the chosen field allows, for the operator menu. */
    List<SegmentOperator> operators() {
        if (CUSTOM.equals(kind)) {
            return SegmentCompiler.CUSTOM_OPERATORS;
        }
        return enumOrNull(SegmentField.class, field) == null ? List.of()
                : enumOf(SegmentField.class, field).kind().operators();
    }

    /** The message prefix labelling a CHOICE field's values ("stage." gives "stage.NEW_LEAD"), or null. */
    public String getChoicePrefix() {
        SegmentField f = fieldEnum();
        if (f == null) {
            return null;
        }
        return switch (f) {
            case LEAD_STAGE -> "stage.";
            case COMPANY_INDUSTRY -> "industry.";
            case COMPANY_REVENUE -> "revenue.";
            case COMPANY_EMPLOYEES -> "employees.";
            case PERSON_TITLE_LEVEL -> "title.";
            case LEAD_SOURCE_CHANNEL -> "channel.";
            default -> null;
        };
    }

    public SegmentField getFieldEnum() {
        return fieldEnum();
    }

    public List<SegmentOperator> getOperators() {
        return operators();
    }

    public boolean isNeedsValue() {
        return needsValue();
    }

    SegmentField fieldEnum() {
        return enumOrNull(SegmentField.class, field);
    }

    boolean needsValue() {
        SegmentOperator op = enumOrNull(SegmentOperator.class, operator);
        if (op == null) {
            List<SegmentOperator> ops = operators();
            return !ops.isEmpty() && ops.get(0).needsValue();
        }
        return op.needsValue();
    }

    private ConditionNode find(String target) {
        if (path.equals(target)) {
            return this;
        }
        for (ConditionNode child : children) {
            ConditionNode found = child.find(target);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private int count() {
        return 1 + children.stream().mapToInt(ConditionNode::count).sum();
    }

    private void renumber(String newPath) {
        path = newPath;
        for (int i = 0; i < children.size(); i++) {
            children.get(i).renumber(newPath + "." + i);
        }
    }

    private void set(String property, String text) {
        String v = text == null ? "" : text;
        if (v.length() > 300) {
            v = v.substring(0, 300);
        }
        switch (property) {
            case "kind" -> kind = v;
            case "junction" -> junction = v;
            case "field" -> field = v;
            case "operator" -> operator = v;
            case "value" -> value = v;
            case "key" -> key = v;
            case "activityType" -> activityType = v;
            case "url" -> url = v;
            case "topic" -> topic = v;
            case "form" -> form = v;
            case "campaign" -> campaign = v;
            case "emailType" -> emailType = v;
            case "atLeast" -> atLeast = v;
            case "window" -> window = v;
            case "days" -> days = v;
            case "from" -> from = v;
            case "to" -> to = v;
            default -> {
            }
        }
    }

    private static String sortKey(String path) {
        StringBuilder key = new StringBuilder();
        for (String part : path.split("\\.")) {
            key.append(String.format("%04d", Integer.parseInt(part)));
        }
        return key.toString();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        E e = enumOrNull(type, name);
        if (e == null) {
            throw new InvalidSegment("segment.invalid.incomplete");
        }
        return e;
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        try {
            return name == null || name.isBlank() ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSegment("segment.invalid.number");
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidSegment("segment.invalid.dates");
        }
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    // Getters for the template.
    public String getPath() {
        return path;
    }

    public String getKind() {
        return kind;
    }

    public String getJunction() {
        return junction;
    }

    public String getField() {
        return field;
    }

    public String getOperator() {
        return operator;
    }

    public String getValue() {
        return value;
    }

    public String getKey() {
        return key;
    }

    public String getActivityType() {
        return activityType;
    }

    public String getUrl() {
        return url;
    }

    public String getTopic() {
        return topic;
    }

    public String getForm() {
        return form;
    }

    public String getCampaign() {
        return campaign;
    }

    public String getEmailType() {
        return emailType;
    }

    public String getAtLeast() {
        return atLeast;
    }

    public String getWindow() {
        return window;
    }

    public String getDays() {
        return days;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public List<ConditionNode> getChildren() {
        return children;
    }
}
