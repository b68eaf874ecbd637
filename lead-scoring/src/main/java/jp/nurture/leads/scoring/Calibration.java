package jp.nurture.leads.scoring;

import jp.nurture.leads.scoring.calibration.CalibrationAnalysis;
import jp.nurture.leads.scoring.calibration.CalibrationReport;
import jp.nurture.leads.scoring.engine.ModelStore;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.Problem;
import jp.nurture.leads.scoring.model.ScoringModel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The calibration page's use cases: read outcomes per band with a suggested model, and apply a suggestion. */
@Service
public class Calibration {

    /** The win rate below which field sales stops following up handed-off leads (seed 000). */
    public static final double DEFAULT_TARGET_WIN_RATE = 0.30;

    private final CalibrationAnalysis analysis;
    private final ModelStore store;
    private final ScoringModels models;

    Calibration(CalibrationAnalysis analysis, ModelStore store, ScoringModels models) {
        this.analysis = analysis;
        this.store = store;
        this.models = models;
    }

    public CalibrationReport report(long productId, double targetWinRate) {
        return analysis.report(productId, targetWinRate);
    }

    /**
     * Makes the suggested rules the product's next model version, hot from {@code threshold} on, and rescores.
     *
     * @throws InvalidModel when the suggestion is gone (a newer one replaced it) or the threshold is refused
     */
    @Transactional
    public ModelSaved apply(long productId, long suggestionId, int threshold, Long actorId) {
        ScoringModel suggestion = store.findSuggestion(productId, suggestionId)
                .orElseThrow(() -> new InvalidModel(java.util.List.of(Problem.ofModel("suggestion", "suggestion.gone"))));
        ModelDraft draft = new ModelDraft(suggestion.content().rules(), HotRule.total(threshold),
                Math.max(0, threshold / 2), "calibration");
        return models.save(productId, draft, actorId);
    }
}
