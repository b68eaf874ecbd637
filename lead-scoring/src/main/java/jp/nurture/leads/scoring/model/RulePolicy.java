package jp.nurture.leads.scoring.model;

import java.util.Optional;

/** One business rule a scoring rule must satisfy; each is a small named object (see {@link ModelPolicies}). */
@FunctionalInterface
public interface RulePolicy {

    Optional<Problem> check(int index, ScoringRule rule);

    /** A rule's value must be one the criterion knows, or present when the criterion needs free text. */
    RulePolicy VALUE_FITS_CRITERION = (i, r) -> {
        Criterion c = r.criterion();
        if (c.hasClosedValues()) {
            if (r.value() == null) {
                return Optional.of(new Problem(i, "value", "value.required"));
            }
            if (!c.allowedValues().contains(r.value())) {
                return Optional.of(new Problem(i, "value", "value.unknown"));
            }
        } else if (c == Criterion.DEPARTMENT && r.value() == null) {
            return Optional.of(new Problem(i, "value", "value.required"));
        } else if (c.takesNoValue() && r.value() != null) {
            return Optional.of(new Problem(i, "value", "value.none"));
        }
        if (r.value() != null && r.value().length() > 200) {
            return Optional.of(new Problem(i, "value", "value.long"));
        }
        return Optional.empty();
    };

    /** Points are a non-zero whole number between -100 and 100: a rule worth nothing is noise. */
    RulePolicy POINTS_IN_RANGE = (i, r) -> r.points() == 0 || Math.abs(r.points()) > 100
            ? Optional.of(new Problem(i, "points", "points.range")) : Optional.empty();

    /** Counting, windows and decay belong to behaviour; an attribute is either there or not. */
    RulePolicy FIT_HAS_NO_COUNTING = (i, r) -> r.kind() == RuleKind.FIT
            && (r.minCount() != 1 || r.windowDays() != null || r.halfLifeDays() != null)
            ? Optional.of(new Problem(i, "minCount", "fit.counting")) : Optional.empty();

    /** At least once and at most a thousand times. */
    RulePolicy COUNT_IN_RANGE = (i, r) -> r.minCount() < 1 || r.minCount() > 1000
            ? Optional.of(new Problem(i, "minCount", "count.range")) : Optional.empty();

    /** Windows and half-lives are between one day and ten years. */
    RulePolicy DAYS_IN_RANGE = (i, r) -> {
        if (r.windowDays() != null && (r.windowDays() < 1 || r.windowDays() > 3650)) {
            return Optional.of(new Problem(i, "windowDays", "days.range"));
        }
        if (r.halfLifeDays() != null && (r.halfLifeDays() < 1 || r.halfLifeDays() > 3650)) {
            return Optional.of(new Problem(i, "halfLifeDays", "days.range"));
        }
        return Optional.empty();
    };
}
