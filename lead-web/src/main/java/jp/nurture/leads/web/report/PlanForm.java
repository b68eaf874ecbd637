package jp.nurture.leads.web.report;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.report.NurturePlan;
import org.springframework.validation.Errors;

/** The nurturing plan as typed: numbers arrive as text (full-width digits accepted) and are checked here. */
record PlanForm(List<String> buyingJourney, String pathToInquiry, String goal, String scenario, String kpiNewLeads,
        String kpiHandOffs, String targetWinRate) {

    static final int TEXT_MAX = 2000;

    static PlanForm of(NurturePlan plan) {
        return new PlanForm(plan.buyingJourney().stream().map(Enum::name).toList(), plan.pathToInquiry(),
                plan.goal(), plan.scenario(), plan.kpiNewLeads() == null ? "" : plan.kpiNewLeads().toString(),
                plan.kpiHandOffs() == null ? "" : plan.kpiHandOffs().toString(),
                String.valueOf(plan.targetWinRate()));
    }

    /** The plan, or null with the problems in {@code errors}. */
    NurturePlan toPlan(long productId, Errors errors) {
        List<Channel> journey = new ArrayList<>();
        for (String c : buyingJourney == null ? List.<String>of() : buyingJourney) {
            try {
                journey.add(Channel.valueOf(c));
            } catch (IllegalArgumentException e) {
                errors.rejectValue("buyingJourney", "report.plan.error.channel");
            }
        }
        for (String[] text : new String[][] {{"pathToInquiry", pathToInquiry}, {"goal", goal}, {"scenario", scenario}}) {
            if (text[1] != null && text[1].length() > TEXT_MAX) {
                errors.rejectValue(text[0], "report.plan.error.long", new Object[] {TEXT_MAX}, null);
            }
        }
        Integer newLeads = number(kpiNewLeads, "kpiNewLeads", 0, 10_000_000, errors);
        Integer handOffs = number(kpiHandOffs, "kpiHandOffs", 0, 10_000_000, errors);
        Integer winRate = number(targetWinRate, "targetWinRate", 1, 100, errors);
        if (errors.hasErrors()) {
            return null;
        }
        return new NurturePlan(productId, journey, blank(pathToInquiry), blank(goal), blank(scenario), newLeads,
                handOffs, winRate == null ? NurturePlan.DEFAULT_TARGET_WIN_RATE : winRate);
    }

    private static Integer number(String value, String field, int min, int max, Errors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normal = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC).replace(",", "");
        if (!normal.matches("\\d{1,9}") || Integer.parseInt(normal) < min || Integer.parseInt(normal) > max) {
            errors.rejectValue(field, "report.plan.error.number", new Object[] {min, max}, null);
            return null;
        }
        return Integer.parseInt(normal);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
