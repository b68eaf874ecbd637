package jp.nurture.leads.scoring;

import java.time.Instant;
import java.util.List;
import jp.nurture.leads.scoring.model.NextAction;
import jp.nurture.leads.scoring.model.ScoringModel;
import jp.nurture.leads.scoring.model.ScoringRule;

/** Why a lead has its score: the rules that gave points under the active model, its history and next action. */
public record ScoreExplanation(ScoringModel model, List<Reason> reasons, List<HistoryPoint> history,
        NextAction nextAction, int fitScore, int engagementScore, boolean hot) {

    /** One rule that gave points, with the activity count and newest activity behind an engagement rule. */
    public record Reason(ScoringRule rule, int points, Long count, Instant lastAt) {
    }

    /** The lead's scores from a moment on. */
    public record HistoryPoint(Instant at, int fit, int engagement) {
    }
}
