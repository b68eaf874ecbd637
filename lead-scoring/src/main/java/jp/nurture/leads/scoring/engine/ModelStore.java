package jp.nurture.leads.scoring.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.ScoringModel;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Scoring models and their rules as rows; a product without a model gets seed 002's table as version 1. */
@Repository
public class ModelStore {

    private static final String SELECT = """
            select id, product_id, version, status, hot_mode, hot_total, hot_fit, hot_engagement, call_from, note,
                   created_at
            from scoring_model""";

    private final JdbcClient jdbc;

    ModelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The active model of the product, creating version 1 from the seed table on first use. */
    @Transactional
    public ScoringModel active(long productId) {
        return findActive(productId).orElseGet(() -> {
            // Two instances may race here: the partial unique index lets only one insert win.
            jdbc.sql("select pg_advisory_xact_lock(7301, cast(? as int))").param(productId).query().listOfRows();
            return findActive(productId).orElseGet(() -> get(insert(productId, 1, ScoringModel.Status.ACTIVE,
                    ModelDraft.seed(), null)));
        });
    }

    public Optional<ScoringModel> findActive(long productId) {
        return jdbc.sql(SELECT + " where product_id = ? and status = 'ACTIVE'").param(productId)
                .query(this::model).optional();
    }

    public ScoringModel get(long modelId) {
        return jdbc.sql(SELECT + " where id = ?").param(modelId).query(this::model).single();
    }

    public Optional<ScoringModel> version(long productId, int version) {
        return jdbc.sql(SELECT + " where product_id = ? and version = ?").params(productId, version)
                .query(this::model).optional();
    }

    /** A calibration proposal of the product that has not been replaced since. */
    public Optional<ScoringModel> findSuggestion(long productId, long modelId) {
        return jdbc.sql(SELECT + " where id = ? and product_id = ? and status = 'SUGGESTED'").params(modelId, productId)
                .query(this::model).optional();
    }

    /** Every numbered version of the product, newest first. */
    public List<ScoringModel> versions(long productId) {
        return jdbc.sql(SELECT + " where product_id = ? and version is not null order by version desc")
                .param(productId).query(this::model).list();
    }

    /** Writes the next version and makes it the active one; the previous active version is retired. */
    @Transactional
    public ScoringModel saveNextVersion(long productId, ModelDraft draft, Long actorId) {
        active(productId);
        jdbc.sql("select pg_advisory_xact_lock(7301, cast(? as int))").param(productId).query().listOfRows();
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from scoring_model where product_id = ?")
                .param(productId).query(Integer.class).single();
        jdbc.sql("update scoring_model set status = 'RETIRED' where product_id = ? and status = 'ACTIVE'")
                .param(productId).update();
        return get(insert(productId, next, ScoringModel.Status.ACTIVE, draft, actorId));
    }

    /** Keeps a calibration proposal so it can be back-tested and later applied; it replaces older proposals. */
    @Transactional
    public ScoringModel saveSuggestion(long productId, ModelDraft draft) {
        jdbc.sql("delete from scoring_model where product_id = ? and status = 'SUGGESTED'").param(productId).update();
        return get(insert(productId, null, ScoringModel.Status.SUGGESTED, draft, null));
    }

    private long insert(long productId, Integer version, ScoringModel.Status status, ModelDraft draft, Long actorId) {
        HotRule hot = draft.hotRule();
        long id = jdbc.sql("""
                insert into scoring_model (product_id, version, status, hot_mode, hot_total, hot_fit, hot_engagement,
                                           call_from, note, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(productId, version, status.name(), hot.mode().name(), hot.total(), hot.fit(),
                        hot.engagement(), draft.callFrom(), draft.note(), actorId)
                .query(Long.class).single();
        List<ScoringRule> rules = draft.rules();
        for (int i = 0; i < rules.size(); i++) {
            ScoringRule r = rules.get(i);
            jdbc.sql("""
                    insert into scoring_rule (model_id, position, kind, criterion, value, match_values, min_count,
                                              window_days, half_life_days, points)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, i, r.kind().name(), r.criterion().name(), r.value(),
                            r.criterion().matchValues(r.value()).toArray(String[]::new), r.minCount(),
                            r.windowDays(), r.halfLifeDays(), r.points())
                    .update();
        }
        return id;
    }

    /** The rules of a model in their order, with their row ids (the explanation names rules by id). */
    public List<StoredRule> rules(long modelId) {
        return jdbc.sql("""
                select id, criterion, value, min_count, window_days, half_life_days, points
                from scoring_rule where model_id = ? order by position""")
                .param(modelId)
                .query((rs, n) -> new StoredRule(rs.getLong(1), new ScoringRule(Criterion.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getInt(4), (Integer) rs.getObject(5), (Integer) rs.getObject(6),
                        rs.getInt(7))))
                .list();
    }

    /** A rule as stored, with its id. */
    public record StoredRule(long id, ScoringRule rule) {
    }

    private ScoringModel model(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        HotRule hot = new HotRule(HotRule.HotMode.valueOf(rs.getString("hot_mode")), (Integer) rs.getObject("hot_total"),
                (Integer) rs.getObject("hot_fit"), (Integer) rs.getObject("hot_engagement"));
        List<ScoringRule> rules = rules(id).stream().map(StoredRule::rule).toList();
        return new ScoringModel(id, rs.getLong("product_id"), (Integer) rs.getObject("version"),
                ScoringModel.Status.valueOf(rs.getString("status")),
                new ModelDraft(rules, hot, rs.getInt("call_from"), rs.getString("note")),
                rs.getTimestamp("created_at").toInstant());
    }

}
