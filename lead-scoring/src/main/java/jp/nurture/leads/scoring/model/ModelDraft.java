package jp.nurture.leads.scoring.model;

import java.util.List;

/** The content of a model version as the marketer edits it: rules, hot rule, next-action band and a note. */
public record ModelDraft(List<ScoringRule> rules, HotRule hotRule, int callFrom, String note) {

    public ModelDraft {
        rules = List.copyOf(rules);
        note = note == null || note.isBlank() ? null : note.strip();
    }

    /** Seed 002's example table, where every new product starts. */
    public static ModelDraft seed() {
        return new ModelDraft(List.of(
                ScoringRule.fit(Criterion.REVENUE_BAND, "OVER_100_BN", 10),
                ScoringRule.fit(Criterion.REVENUE_BAND, "FROM_50_BN", 5),
                ScoringRule.fit(Criterion.REVENUE_BAND, "FROM_10_BN", 1),
                ScoringRule.fit(Criterion.INDUSTRY, "IT", 5),
                ScoringRule.fit(Criterion.INDUSTRY, "MANUFACTURING", 3),
                ScoringRule.fit(Criterion.INDUSTRY, "RETAIL", 1),
                ScoringRule.fit(Criterion.TITLE_LEVEL, "EXECUTIVE", 10),
                ScoringRule.fit(Criterion.TITLE_LEVEL, "MANAGER", 5),
                ScoringRule.fit(Criterion.TITLE_LEVEL, "STAFF", 1),
                ScoringRule.engagement(Criterion.DOCUMENT_DOWNLOADED, null, 1, null, null, 5),
                ScoringRule.engagement(Criterion.FORM_SUBMITTED, null, 1, null, null, 3),
                ScoringRule.engagement(Criterion.PAGE_VIEWED, null, 3, 30, null, 2)),
                HotRule.separate(15, 5), 10, null);
    }

    public int maxFit() {
        return rules.stream().filter(r -> r.kind() == RuleKind.FIT).mapToInt(r -> Math.max(0, r.points())).sum();
    }
}
