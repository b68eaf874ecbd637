package jp.nurture.leads.scoring.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every policy a model must satisfy before it is saved as a new version. An empty list means it may be saved. */
public final class ModelPolicies {

    private static final List<RulePolicy> RULE_POLICIES = List.of(RulePolicy.VALUE_FITS_CRITERION,
            RulePolicy.POINTS_IN_RANGE, RulePolicy.FIT_HAS_NO_COUNTING, RulePolicy.COUNT_IN_RANGE,
            RulePolicy.DAYS_IN_RANGE);

    private ModelPolicies() {
    }

    public static List<Problem> check(ModelDraft draft) {
        List<Problem> problems = new ArrayList<>();
        if (draft.rules().isEmpty()) {
            problems.add(Problem.ofModel("rules", "rules.empty"));
        }
        if (draft.rules().size() > 200) {
            problems.add(Problem.ofModel("rules", "rules.many"));
        }
        Set<ScoringRule> seen = new HashSet<>();
        for (int i = 0; i < draft.rules().size(); i++) {
            ScoringRule rule = draft.rules().get(i);
            for (RulePolicy policy : RULE_POLICIES) {
                policy.check(i, rule).ifPresent(problems::add);
            }
            if (!seen.add(new ScoringRule(rule.criterion(), rule.value(), rule.minCount(), rule.windowDays(),
                    rule.halfLifeDays(), 1))) {
                problems.add(new Problem(i, "criterion", "rule.duplicate"));
            }
        }
        HotRule hot = draft.hotRule();
        if (hot == null || hot.mode() == null) {
            problems.add(Problem.ofModel("hotMode", "hot.required"));
        } else if (hot.mode() == HotRule.HotMode.TOTAL) {
            if (hot.total() == null || hot.total() < 1 || hot.total() > 10_000) {
                problems.add(Problem.ofModel("hotTotal", "hot.range"));
            } else if (draft.callFrom() >= hot.total()) {
                problems.add(Problem.ofModel("callFrom", "callFrom.belowHot"));
            }
        } else {
            if (hot.fit() == null || hot.fit() < 0 || hot.fit() > 10_000) {
                problems.add(Problem.ofModel("hotFit", "hot.range"));
            }
            if (hot.engagement() == null || hot.engagement() < 0 || hot.engagement() > 10_000) {
                problems.add(Problem.ofModel("hotEngagement", "hot.range"));
            }
        }
        if (draft.callFrom() < 0 || draft.callFrom() > 10_000) {
            problems.add(Problem.ofModel("callFrom", "callFrom.range"));
        }
        if (draft.note() != null && draft.note().length() > 500) {
            problems.add(Problem.ofModel("note", "note.long"));
        }
        return problems;
    }
}
