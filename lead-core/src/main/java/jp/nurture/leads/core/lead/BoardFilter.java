package jp.nurture.leads.core.lead;

/** What inside sales narrows the board to; every part is optional. */
public record BoardFilter(Long ownerId, Integer minScore, String channel, boolean hotOnly) {

    public static BoardFilter none() {
        return new BoardFilter(null, null, null, false);
    }
}
