package jp.nurture.leads.core.campaign;

import java.util.Map;

/** One step of a program, at its position, with its settings. */
public record NurtureStep(int position, NurtureStepKind kind, Map<String, Object> params) {

    long number(String name) {
        Object value = params.get(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        throw new InvalidCampaignInput("nurture.invalid.param", name);
    }

    String text(String name) {
        Object value = params.get(name);
        if (value == null) {
            throw new InvalidCampaignInput("nurture.invalid.param", name);
        }
        return value.toString();
    }
}
