package jp.nurture.leads.core.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * Budget, Authority, Need, Timeframe — asked one question at a time after first contact, so every part may be
 * unknown for a while.
 */
@Embeddable
public record Bant(
        @Column(name = "budget_yen") Long budgetYen,
        @Column(name = "budget_note") String budgetNote,
        @Enumerated(EnumType.STRING) @Column(name = "authority") Authority authority,
        @Column(name = "need") String need,
        @Enumerated(EnumType.STRING) @Column(name = "timeframe") Timeframe timeframe) {

    public static Bant unknown() {
        return new Bant(null, null, null, null, null);
    }

    /** How many of the four BANT questions have an answer. */
    public int answered() {
        int n = 0;
        n += budgetYen != null || (budgetNote != null && !budgetNote.isBlank()) ? 1 : 0;
        n += authority != null && authority != Authority.UNKNOWN ? 1 : 0;
        n += need != null && !need.isBlank() ? 1 : 0;
        n += timeframe != null && timeframe != Timeframe.UNDECIDED ? 1 : 0;
        return n;
    }
}
