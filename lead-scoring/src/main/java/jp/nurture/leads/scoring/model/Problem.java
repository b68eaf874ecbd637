package jp.nurture.leads.scoring.model;

/**
 * Why a model cannot be saved: the rule's index (or -1 for the model itself), the field and a message key under
 * {@code scoring.problem.}.
 */
public record Problem(int rule, String field, String code) {

    public static Problem ofModel(String field, String code) {
        return new Problem(-1, field, code);
    }
}
