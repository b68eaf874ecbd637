package jp.nurture.leads.web.scoring;

import java.util.ArrayList;
import java.util.List;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.ScoringModel;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.springframework.validation.Errors;

/**
 * The model page's fields. Numbers arrive as text so one mistyped number is reported in place without hiding the
 * other rows' errors; full-width digits are accepted. Blank rows (no criterion) are ignored, so the page can offer
 * empty rows to add rules without JavaScript; a row marked for removal is dropped.
 */
record ModelForm(String hotMode, String hotTotal, String hotFit, String hotEngagement, String callFrom, String note,
        List<RuleForm> rules) {

    static final int BLANK_ROWS = 3;

    ModelForm {
        rules = rules == null ? new ArrayList<>() : new ArrayList<>(rules);
    }

    /** One row of the rules table. */
    record RuleForm(String criterion, String value, String minCount, String windowDays, String halfLifeDays,
            String points, Boolean remove) {

        boolean removed() {
            return Boolean.TRUE.equals(remove);
        }
    }

    static ModelForm of(ScoringModel model) {
        ModelDraft d = model.content();
        List<RuleForm> rows = new ArrayList<>();
        for (ScoringRule r : d.rules()) {
            rows.add(new RuleForm(r.criterion().name(), r.value(), String.valueOf(r.minCount()), text(r.windowDays()),
                    text(r.halfLifeDays()), String.valueOf(r.points()), false));
        }
        HotRule hot = d.hotRule();
        return new ModelForm(hot.mode().name(), text(hot.total()), text(hot.fit()), text(hot.engagement()),
                String.valueOf(d.callFrom()), null, rows).withBlankRows();
    }

    ModelForm withBlankRows() {
        List<RuleForm> rows = new ArrayList<>(rules.stream().filter(r -> !blank(r)).toList());
        for (int i = 0; i < BLANK_ROWS; i++) {
            rows.add(new RuleForm(null, null, null, null, null, null, false));
        }
        return new ModelForm(hotMode, hotTotal, hotFit, hotEngagement, callFrom, note, rows);
    }

    /**
     * The draft this form describes; a field that cannot be read is rejected in place and left out (a rule row) or
     * left empty, so the model policies can still report every other problem in the same round.
     * The indexes of the kept rows are returned in {@code rowOfRule} so the model policies' problems can be shown
     * on the row they are about.
     */
    ModelDraft toDraft(Errors errors, List<Integer> rowOfRule) {
        List<ScoringRule> list = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleForm row = rules.get(i);
            if (blank(row) || row.removed()) {
                continue;
            }
            String at = "rules[" + i + "].";
            Criterion criterion = null;
            try {
                criterion = Criterion.valueOf(row.criterion());
            } catch (IllegalArgumentException e) {
                errors.rejectValue(at + "criterion", "scoring.problem.criterion.unknown");
            }
            Integer points = number(row.points(), at + "points", errors);
            if (points == null && !errors.hasFieldErrors(at + "points")) {
                errors.rejectValue(at + "points", "scoring.problem.points.required");
            }
            Integer minCount = number(row.minCount(), at + "minCount", errors);
            Integer window = number(row.windowDays(), at + "windowDays", errors);
            Integer halfLife = number(row.halfLifeDays(), at + "halfLifeDays", errors);
            if (criterion != null && points != null) {
                list.add(new ScoringRule(criterion, row.value(), minCount == null ? 1 : minCount, window, halfLife,
                        points));
                rowOfRule.add(i);
            }
        }
        HotRule hot = null;
        if ("SEPARATE".equals(hotMode)) {
            Integer fit = required(hotFit, "hotFit", errors);
            Integer engagement = required(hotEngagement, "hotEngagement", errors);
            hot = fit == null || engagement == null ? null : HotRule.separate(fit, engagement);
        } else if ("TOTAL".equals(hotMode)) {
            Integer total = required(hotTotal, "hotTotal", errors);
            hot = total == null ? null : HotRule.total(total);
        } else {
            errors.rejectValue("hotMode", "scoring.problem.hot.required");
        }
        Integer call = required(callFrom, "callFrom", errors);
        return new ModelDraft(list, hot, call == null ? 0 : call, note);
    }

    private static boolean blank(RuleForm row) {
        return row.criterion() == null || row.criterion().isBlank();
    }

    private static Integer required(String text, String field, Errors errors) {
        Integer value = number(text, field, errors);
        if (value == null && !errors.hasFieldErrors(field)) {
            errors.rejectValue(field, "NotBlank");
        }
        return value;
    }

    /** A whole number typed in half- or full-width digits, or null when blank; anything else is rejected. */
    static Integer number(String text, String field, Errors errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String normal = java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFKC).replace(",", "");
        if (!normal.matches("-?\\d{1,6}")) {
            errors.rejectValue(field, "typeMismatch.java.lang.Integer");
            return null;
        }
        return Integer.parseInt(normal);
    }

    private static String text(Integer n) {
        return n == null ? null : String.valueOf(n);
    }
}
