package jp.nurture.leads.core.consent;

import java.time.Instant;

/** A person's current state for one email type of one product, with the evidence behind it. */
public record ConsentState(EmailType emailType, ConsentStatus status, ConsentBasis basis, String source,
        Instant recordedAt) {

    public boolean granted() {
        return status == ConsentStatus.GRANTED;
    }
}
