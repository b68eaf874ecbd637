package jp.nurture.leads.web.scoring;

import java.util.List;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.scoring.LeadScores;
import jp.nurture.leads.scoring.ScoreExplanation;
import jp.nurture.leads.scoring.model.NextAction;
import jp.nurture.leads.web.system.Formats;
import org.springframework.stereotype.Component;

/**
 * What the lead page and the stage board show of scoring, called from their templates through one include each
 * (the lead page's controller has already checked the lead is in the user's scope).
 */
@Component("scoreViews")
public class ScoreViews {

    private final LeadScores scores;
    private final Formats formats;

    ScoreViews(LeadScores scores, Formats formats) {
        this.scores = scores;
        this.formats = formats;
    }

    /** The explanation of the lead with its history as chart data. */
    public Explained explain(Lead lead) {
        ScoreExplanation explanation = scores.explain(lead.getId());
        List<ScoreExplanation.HistoryPoint> history = explanation.history();
        List<String> labels = history.stream().map(p -> formats.at(p.at())).toList();
        List<Integer> fit = history.stream().map(ScoreExplanation.HistoryPoint::fit).toList();
        List<Integer> engagement = history.stream().map(ScoreExplanation.HistoryPoint::engagement).toList();
        return new Explained(explanation, labels, fit, engagement,
                formats.json(new Chart(labels, fit, engagement)));
    }

    /** The next action for a board card. */
    public NextAction nextAction(long productId, boolean hot, int score) {
        return scores.nextAction(productId, hot, score);
    }

    /**
     * The explanation with the chart's labels and series, and the same as JSON for the static chart script (the
     * Content-Security-Policy allows no inline script).
     */
    public record Explained(ScoreExplanation explanation, List<String> labels, List<Integer> fit,
            List<Integer> engagement, String chartJson) {
    }

    record Chart(List<String> labels, List<Integer> fit, List<Integer> engagement) {
    }
}
