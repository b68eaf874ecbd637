package jp.nurture.leads.scoring.model;

import java.time.Instant;

/** A saved version of a product's model; versions are never changed, an edit writes the next one. */
public record ScoringModel(long id, long productId, Integer version, Status status, ModelDraft content,
        Instant createdAt) {

    /** Where a saved model stands. */
    public enum Status {
        /** The version scores the product's leads now. */
        ACTIVE,
        /** An older version, kept readable. */
        RETIRED,
        /** A calibration proposal, not yet applied. */
        SUGGESTED
    }

    public NextAction nextAction(boolean hot, int score) {
        return NextAction.of(hot, score, content.callFrom());
    }
}
