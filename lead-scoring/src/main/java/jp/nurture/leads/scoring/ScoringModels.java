package jp.nurture.leads.scoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import jp.nurture.leads.scoring.engine.ModelStore;
import jp.nurture.leads.scoring.engine.ScoreEngine;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.ModelPolicies;
import jp.nurture.leads.scoring.model.Problem;
import jp.nurture.leads.scoring.model.ScoringModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each product's scoring model: read the active version and older ones, save an edit as a new version and
 * rescore every lead of the product with it. Callers check product scope.
 */
@Service
public class ScoringModels {

    private final ModelStore store;
    private final AuditLog audit;
    private final ScoreEngine engine;
    private final JdbcClient jdbc;

    ScoringModels(ModelStore store, ScoreEngine engine, JdbcClient jdbc, AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** The version scoring the product now (seed 002's table for a product never edited). */
    public ScoringModel active(long productId) {
        return store.active(productId);
    }

    /** Every version, newest first. */
    public List<ScoringModel> versions(long productId) {
        store.active(productId);
        return store.versions(productId);
    }

    public Optional<ScoringModel> version(long productId, int version) {
        return store.version(productId, version);
    }

    /** The problems that would stop this draft from being saved; empty when it may be saved. */
    public List<Problem> check(ModelDraft draft) {
        return ModelPolicies.check(draft);
    }

    /**
     * Saves the draft as the product's next version and rescores every lead of the product with it, in one
     * transaction: leads never show a score from a model that is not the active one.
     *
     * @throws InvalidModel when a policy refuses the draft
     */
    @Transactional
    public ModelSaved save(long productId, ModelDraft draft, Long actorId) {
        List<Problem> problems = ModelPolicies.check(draft);
        if (!problems.isEmpty()) {
            throw new InvalidModel(problems);
        }
        ScoringModel model = store.saveNextVersion(productId, draft, actorId);
        audit.record(AuditAction.SCORING_MODEL_SAVED, "SCORING_MODEL", model.id(), productId,
                Map.of("version", model.version(), "rules", draft.rules().size()), actorId);
        ScoreEngine.Outcome outcome = engine.rescoreProduct(model);
        return new ModelSaved(model, outcome.changed(), outcome.becameHot());
    }

    /** Rescores every product with its active model (first start, demo data); returns the leads changed. */
    @Transactional
    public int rescoreEveryProduct() {
        int changed = 0;
        for (long product : jdbc.sql("select id from product order by id").query(Long.class).list()) {
            changed += engine.rescoreProduct(store.active(product)).changed();
        }
        return changed;
    }
}
