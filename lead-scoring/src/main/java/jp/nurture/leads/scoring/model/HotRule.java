package jp.nurture.leads.scoring.model;

/**
 * When a lead is hot: its total reaches {@code total}, or (SEPARATE) its fit reaches {@code fit} and its
 * engagement reaches {@code engagement} — the attribute-heavy form seed 002 advises.
 */
public record HotRule(HotMode mode, Integer total, Integer fit, Integer engagement) {

    /** Which form of the hot rule a model uses. */
    public enum HotMode {
        TOTAL, SEPARATE
    }

    public static HotRule total(int total) {
        return new HotRule(HotMode.TOTAL, total, null, null);
    }

    public static HotRule separate(int fit, int engagement) {
        return new HotRule(HotMode.SEPARATE, null, fit, engagement);
    }

    public boolean isHot(int fitScore, int engagementScore) {
        return mode == HotMode.TOTAL ? fitScore + engagementScore >= total
                : fitScore >= fit && engagementScore >= engagement;
    }
}
