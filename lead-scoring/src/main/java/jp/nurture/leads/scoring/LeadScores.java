package jp.nurture.leads.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jp.nurture.leads.scoring.engine.ModelStore;
import jp.nurture.leads.scoring.engine.ScoreEngine;
import jp.nurture.leads.scoring.model.NextAction;
import jp.nurture.leads.scoring.model.ScoringModel;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A lead's score as sales sees it: the explanation on the lead page and the next action on the board. */
@Service
public class LeadScores {

    private static final long BAND_CACHE_MILLIS = 5_000;

    private final ModelStore store;
    private final ScoreEngine engine;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Long, Band> bands = new ConcurrentHashMap<>();

    private record Band(int callFrom, Instant until) {
    }

    LeadScores(ModelStore store, ScoreEngine engine, JdbcClient jdbc, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The explanation of a lead the caller has already found in scope. Not read-only: a product never scored yet
     * gets its seed model on first use.
     */
    @Transactional
    public ScoreExplanation explain(long leadId) {
        record Current(long productId, int fit, int engagement, boolean hot) {
        }
        Current current = jdbc.sql("select product_id, fit_score, engagement_score, hot from lead where id = ?")
                .param(leadId).query((rs, n) -> new Current(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                        rs.getBoolean(4))).single();
        ScoringModel model = store.active(current.productId());
        Map<Long, ScoringRule> rules = store.rules(model.id()).stream()
                .collect(Collectors.toMap(ModelStore.StoredRule::id, ModelStore.StoredRule::rule));
        List<ScoreExplanation.Reason> reasons = engine.contributions(model, leadId).stream()
                .map(c -> new ScoreExplanation.Reason(rules.get(c.ruleId()), c.points(), c.count(), c.lastAt()))
                .toList();
        List<ScoreExplanation.HistoryPoint> history = jdbc.sql("""
                select changed_at, fit_score, engagement_score from lead_score_history
                where lead_id = ? order by changed_at desc limit 200""")
                .param(leadId).query((rs, n) -> new ScoreExplanation.HistoryPoint(rs.getTimestamp(1).toInstant(),
                        rs.getInt(2), rs.getInt(3))).list();
        history = new java.util.ArrayList<>(history);
        java.util.Collections.reverse(history);
        return new ScoreExplanation(model, reasons, history,
                model.nextAction(current.hot(), current.fit() + current.engagement()), current.fit(),
                current.engagement(), current.hot());
    }

    /** The next action for a lead of the product (the bands are read at most every few seconds). */
    public NextAction nextAction(long productId, boolean hot, int score) {
        Instant now = clock.instant();
        Band band = bands.get(productId);
        if (band == null || band.until().isBefore(now)) {
            band = new Band(store.active(productId).content().callFrom(), now.plusMillis(BAND_CACHE_MILLIS));
            bands.put(productId, band);
        }
        return NextAction.of(hot, score, band.callFrom());
    }

}
