package jp.nurture.leads.scoring.model;

/**
 * One rule of a model. A fit rule gives {@code points} when the attribute has the value. An engagement rule gives
 * {@code points} when at least {@code minCount} activities of its type (whose detail contains {@code value}, when
 * given) happened within {@code windowDays} (all time when null); with a half-life the points halve every
 * {@code halfLifeDays} since the newest such activity.
 */
public record ScoringRule(Criterion criterion, String value, int minCount, Integer windowDays, Integer halfLifeDays,
        int points) {

    public ScoringRule {
        value = value == null || value.isBlank() ? null : value.strip();
    }

    public static ScoringRule fit(Criterion criterion, String value, int points) {
        return new ScoringRule(criterion, value, 1, null, null, points);
    }

    public static ScoringRule engagement(Criterion criterion, String filter, int minCount, Integer windowDays,
            Integer halfLifeDays, int points) {
        return new ScoringRule(criterion, filter, minCount, windowDays, halfLifeDays, points);
    }

    public RuleKind kind() {
        return criterion.kind();
    }
}
