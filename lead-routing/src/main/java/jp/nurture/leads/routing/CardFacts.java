package jp.nurture.leads.routing;

import java.time.Instant;
import java.time.LocalDate;

/** What a board card shows beyond the lead row: last activity, open follow-up and SLA state of its hand-off. */
public record CardFacts(String lastActivityType, Instant lastActivityAt, LocalDate nextFollowUp, String slaState,
        Instant dueAt, String handOffOwner) {

    public static final CardFacts NONE = new CardFacts(null, null, null, "NONE", null, null);
}
