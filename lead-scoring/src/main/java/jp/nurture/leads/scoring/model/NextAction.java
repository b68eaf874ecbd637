package jp.nurture.leads.scoring.model;

/** What sales should do with a lead now (seed 003): the score decides, not a person's mood. */
public enum NextAction {
    /** Hot: field sales visits now. */
    VISIT,
    /** Middle band: inside sales calls. */
    CALL,
    /** Low: keep nurturing by e-mail. */
    EMAIL;

    /** The action for a lead: hot ones are visited; from {@code callFrom} on they are called; below, e-mailed. */
    public static NextAction of(boolean hot, int score, int callFrom) {
        if (hot) {
            return VISIT;
        }
        return score >= callFrom ? CALL : EMAIL;
    }
}
