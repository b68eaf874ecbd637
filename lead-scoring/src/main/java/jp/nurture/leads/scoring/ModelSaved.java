package jp.nurture.leads.scoring;

import jp.nurture.leads.scoring.model.ScoringModel;

/** A new model version and what rescoring the product with it changed. */
public record ModelSaved(ScoringModel model, int leadsChanged, int becameHot) {
}
