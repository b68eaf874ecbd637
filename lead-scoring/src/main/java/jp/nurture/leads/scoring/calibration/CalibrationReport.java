package jp.nurture.leads.scoring.calibration;

import java.util.List;
import jp.nurture.leads.scoring.model.ScoringModel;

/**
 * The calibration page of one product: outcomes per score band of the active model, and a suggestion (null when
 * the history is too thin to fit one, see {@code suggestionMissing}).
 */
public record CalibrationReport(ScoringModel active, double targetWinRate, List<BandOutcome> bands, int handedOff,
        int decided, Suggestion suggestion, String suggestionMissing) {

    /** Leads handed off while their score was in [from, from + width): what field sales made of them. */
    public record BandOutcome(int from, int to, int handedOff, int accepted, int returned, int won,
            List<ReturnReason> topReturnReasons) {

        public double acceptedRate() {
            return rate(accepted);
        }

        public double returnedRate() {
            return rate(returned);
        }

        public double wonRate() {
            return rate(won);
        }

        private double rate(int n) {
            return handedOff == 0 ? 0 : (double) n / handedOff;
        }
    }

    /** A reason field sales gave when returning leads, and how often. */
    public record ReturnReason(String reason, int count) {
    }

    /**
     * A model fitted on the product's decided leads (won vs lost/returned), as integer points, with its back-test on
     * the held-out leads beside the active model's, and the hot threshold that reaches the target win rate.
     */
    public record Suggestion(ScoringModel model, List<Weight> weights, int trainLeads, int heldOutLeads,
            double activeAuc, double suggestedAuc, int threshold, boolean targetReached, double winRateAtThreshold,
            double precision, double recall, double leadsPerMonth) {
    }

    /** One feature's fitted weight (log-odds of winning) and the points it became. */
    public record Weight(String feature, double weight, int points) {
    }
}
