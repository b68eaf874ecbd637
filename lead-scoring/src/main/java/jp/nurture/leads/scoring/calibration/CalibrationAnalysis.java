package jp.nurture.leads.scoring.calibration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.scoring.engine.ModelStore;
import jp.nurture.leads.scoring.engine.ScoreEngine;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.RuleKind;
import jp.nurture.leads.scoring.model.ScoringModel;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads outcomes from the activity timeline (ROUTED, ACCEPTED, RETURNED, WON, LOST — whoever recorded them),
 * tabulates them per score band, fits a suggested model with {@link OutcomeRegression} and back-tests it against
 * the active model on held-out leads, both scored by the real engine.
 */
@Service
public class CalibrationAnalysis {

    static final int BAND_WIDTH = 10;
    static final int MIN_DECIDED = 20;
    static final int MAX_RULES = 30;
    private static final int POINTS_SCALE = 10;
    private static final String[] OUTCOME_TYPES = {"ROUTED", "ACCEPTED", "RETURNED", "WON", "LOST"};
    private static final List<Criterion> FIT_FEATURES = List.of(Criterion.INDUSTRY, Criterion.REVENUE_BAND,
            Criterion.EMPLOYEE_BAND, Criterion.AREA, Criterion.TITLE_LEVEL, Criterion.AUTHORITY, Criterion.TIMEFRAME);
    private static final int[] COUNT_STEPS = {1, 3};

    private final JdbcClient jdbc;
    private final ModelStore models;
    private final ScoreEngine engine;
    private final Clock clock;

    CalibrationAnalysis(JdbcClient jdbc, ModelStore models, ScoreEngine engine, Clock clock) {
        this.jdbc = jdbc;
        this.models = models;
        this.engine = engine;
        this.clock = clock;
    }

    /** One handed-off lead with its outcome and what it looked like when handed off. */
    record HandedOff(long leadId, int score, boolean accepted, boolean returned, boolean won, boolean lost,
            String returnReason, List<String> features) {

        boolean decided() {
            return won || lost || returned;
        }

        /** A fixed 30% of leads (by id) is held out of fitting, so the back-test never sees its training data. */
        boolean heldOut() {
            return Math.floorMod(leadId * 2654435761L, 10) < 3;
        }
    }

    @Transactional
    public CalibrationReport report(long productId, double targetWinRate) {
        ScoringModel active = models.active(productId);
        List<HandedOff> leads = handedOff(productId);
        List<CalibrationReport.BandOutcome> bands = bands(leads);
        List<HandedOff> decided = leads.stream().filter(HandedOff::decided).toList();
        if (decided.size() < MIN_DECIDED) {
            return new CalibrationReport(active, targetWinRate, bands, leads.size(), decided.size(), null,
                    "tooFew");
        }
        List<HandedOff> train = decided.stream().filter(l -> !l.heldOut()).toList();
        List<HandedOff> test = decided.stream().filter(HandedOff::heldOut).toList();
        if (!bothOutcomes(train) || !bothOutcomes(test)) {
            return new CalibrationReport(active, targetWinRate, bands, leads.size(), decided.size(), null,
                    "oneOutcome");
        }
        Map<String, Double> fitted = OutcomeRegression.fit(
                train.stream().map(l -> new OutcomeRegression.Row(l.features(), l.won())).toList());
        List<CalibrationReport.Weight> weights = points(fitted);
        List<ScoringRule> rules = weights.stream().map(w -> rule(w.feature(), w.points())).toList();
        if (rules.isEmpty()) {
            return new CalibrationReport(active, targetWinRate, bands, leads.size(), decided.size(), null,
                    "noSignal");
        }
        // Score every decided lead with the suggestion through the engine, then pick the threshold.
        ScoringModel draft = models.saveSuggestion(productId, new ModelDraft(rules, HotRule.total(Integer.MAX_VALUE / 2),
                0, null));
        List<Long> decidedIds = decided.stream().map(HandedOff::leadId).toList();
        Map<Long, int[]> suggested = engine.preview(draft, decidedIds);
        Map<Long, int[]> current = engine.preview(active, decidedIds);
        double activeAuc = auc(test, current);
        double suggestedAuc = auc(test, suggested);
        Threshold threshold = threshold(decided, suggested, targetWinRate);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (HandedOff l : test) {
            boolean predicted = total(suggested.get(l.leadId())) >= threshold.value();
            tp += predicted && l.won() ? 1 : 0;
            fp += predicted && !l.won() ? 1 : 0;
            fn += !predicted && l.won() ? 1 : 0;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        ScoringModel suggestion = models.saveSuggestion(productId, new ModelDraft(rules,
                HotRule.total(Math.max(1, threshold.value())), Math.max(0, threshold.value() / 2), null));
        return new CalibrationReport(active, targetWinRate, bands, leads.size(), decided.size(),
                new CalibrationReport.Suggestion(suggestion, weights, train.size(), test.size(), activeAuc,
                        suggestedAuc, threshold.value(), threshold.reached(), threshold.winRate(), precision, recall,
                        leadsPerMonth(suggestion, threshold.value())),
                null);
    }

    private static boolean bothOutcomes(List<HandedOff> leads) {
        return leads.stream().anyMatch(HandedOff::won) && leads.stream().anyMatch(l -> !l.won());
    }

    private List<HandedOff> handedOff(long productId) {
        return jdbc.sql("""
                with outcome as (
                    select lead_id, min(occurred_at) as handed_at,
                           bool_or(type = 'ACCEPTED') as accepted, bool_or(type = 'RETURNED') as returned,
                           bool_or(type = 'WON') as won, bool_or(type = 'LOST') as lost,
                           max(detail ->> 'reason') filter (where type = 'RETURNED') as reason
                    from activity where product_id = ? and type = any(?)
                    group by lead_id)
                select o.lead_id,
                       coalesce((select h.fit_score + h.engagement_score from lead_score_history h
                                 where h.lead_id = o.lead_id and h.changed_at <= o.handed_at
                                 order by h.changed_at desc limit 1), l.score),
                       o.accepted, o.returned, o.won, o.lost, o.reason,
                       c.industry, c.revenue_band, c.employee_band, c.prefecture, p.title_level, l.authority,
                       l.timeframe,
                       (select string_agg(a.type || ':' || a.n, ',') from (
                            select type, count(*) as n from activity a
                            where a.lead_id = o.lead_id and a.type = any(?) and a.occurred_at <= o.handed_at
                            group by type) a)
                from outcome o join lead l on l.id = o.lead_id join person p on p.id = l.person_id
                left join company c on c.id = p.company_id
                order by o.lead_id""")
                .params(productId, OUTCOME_TYPES,
                        Criterion.of(RuleKind.ENGAGEMENT).stream().map(Enum::name).toArray(String[]::new))
                .query((rs, n) -> {
                    List<String> features = new ArrayList<>();
                    String[] values = {rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11) == null ? null : Prefecture.valueOf(rs.getString(11)).area().name(),
                        rs.getString(12), rs.getString(13), rs.getString(14)};
                    for (int i = 0; i < FIT_FEATURES.size(); i++) {
                        if (values[i] != null) {
                            features.add(FIT_FEATURES.get(i).name() + "=" + values[i]);
                        }
                    }
                    String counts = rs.getString(15);
                    if (counts != null) {
                        for (String entry : counts.split(",")) {
                            String[] kv = entry.split(":");
                            int count = Integer.parseInt(kv[1]);
                            for (int step : COUNT_STEPS) {
                                if (count >= step) {
                                    features.add(kv[0] + ">=" + step);
                                }
                            }
                        }
                    }
                    return new HandedOff(rs.getLong(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), features);
                })
                .list();
    }

    private static List<CalibrationReport.BandOutcome> bands(List<HandedOff> leads) {
        Map<Integer, List<HandedOff>> byBand = new TreeMap<>(Comparator.reverseOrder());
        for (HandedOff l : leads) {
            byBand.computeIfAbsent(Math.floorDiv(l.score(), BAND_WIDTH) * BAND_WIDTH, k -> new ArrayList<>()).add(l);
        }
        List<CalibrationReport.BandOutcome> bands = new ArrayList<>();
        byBand.forEach((from, in) -> {
            Map<String, Integer> reasons = new HashMap<>();
            in.stream().filter(HandedOff::returned).forEach(l -> reasons.merge(
                    l.returnReason() == null || l.returnReason().isBlank() ? "—" : l.returnReason(), 1, Integer::sum));
            List<CalibrationReport.ReturnReason> top = reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3).map(e -> new CalibrationReport.ReturnReason(e.getKey(), e.getValue())).toList();
            bands.add(new CalibrationReport.BandOutcome(from, from + BAND_WIDTH - 1, in.size(),
                    (int) in.stream().filter(HandedOff::accepted).count(),
                    (int) in.stream().filter(HandedOff::returned).count(),
                    (int) in.stream().filter(HandedOff::won).count(), top));
        });
        return bands;
    }

    /**
     * Weights scaled so the strongest feature (either sign) is worth 10 points; features worth less than one point
     * drop out, and at most {@link #MAX_RULES} of the strongest are kept.
     */
    static List<CalibrationReport.Weight> points(Map<String, Double> weights) {
        double max = weights.values().stream().mapToDouble(Math::abs).max().orElse(0);
        if (max == 0) {
            return List.of();
        }
        return weights.entrySet().stream()
                .map(e -> new CalibrationReport.Weight(e.getKey(), e.getValue(),
                        (int) Math.round(e.getValue() * POINTS_SCALE / max)))
                .filter(w -> w.points() != 0)
                .sorted(Comparator.comparingDouble((CalibrationReport.Weight w) -> -Math.abs(w.weight()))
                        .thenComparing(CalibrationReport.Weight::feature))
                .limit(MAX_RULES)
                // Shown and saved from the strongest sign of winning down to the strongest sign of losing.
                .sorted(Comparator.comparingDouble((CalibrationReport.Weight w) -> -w.weight())
                        .thenComparing(CalibrationReport.Weight::feature))
                .toList();
    }

    private static ScoringRule rule(String feature, int points) {
        if (feature.contains(">=")) {
            String[] parts = feature.split(">=");
            return ScoringRule.engagement(Criterion.valueOf(parts[0]), null, Integer.parseInt(parts[1]), null, null,
                    points);
        }
        String[] parts = feature.split("=");
        return ScoringRule.fit(Criterion.valueOf(parts[0]), parts[1], points);
    }

    private static int total(int[] score) {
        return score == null ? 0 : score[0] + score[1];
    }

    /** Area under the ROC curve of the total score on the held-out leads (ties count half). */
    static double auc(List<HandedOff> leads, Map<Long, int[]> scores) {
        List<Integer> won = new ArrayList<>();
        List<Integer> notWon = new ArrayList<>();
        for (HandedOff l : leads) {
            (l.won() ? won : notWon).add(total(scores.get(l.leadId())));
        }
        double pairs = 0;
        for (int w : won) {
            for (int n : notWon) {
                pairs += w > n ? 1 : w == n ? 0.5 : 0;
            }
        }
        return won.isEmpty() || notWon.isEmpty() ? 0.5 : pairs / ((double) won.size() * notWon.size());
    }

    record Threshold(int value, boolean reached, double winRate) {
    }

    /**
     * The lowest threshold at which the decided leads scoring at least that much were won at the target rate (so as
     * many leads as possible are handed off), needing at least five such leads; otherwise the best rate found.
     */
    static Threshold threshold(List<HandedOff> decided, Map<Long, int[]> scores, double target) {
        int[] sorted = decided.stream().mapToInt(l -> total(scores.get(l.leadId()))).distinct().sorted().toArray();
        Threshold best = null;
        for (int t : sorted) {
            int n = 0;
            int won = 0;
            for (HandedOff l : decided) {
                if (total(scores.get(l.leadId())) >= t) {
                    n++;
                    won += l.won() ? 1 : 0;
                }
            }
            if (n < 5) {
                break;
            }
            double rate = (double) won / n;
            if (rate >= target) {
                return new Threshold(Math.max(1, t), true, rate);
            }
            if (best == null || rate > best.winRate()) {
                best = new Threshold(Math.max(1, t), false, rate);
            }
        }
        return best != null ? best : new Threshold(Math.max(1, sorted.length == 0 ? 1 : sorted[0]), false, 0);
    }

    /** How many of the product's leads created in the last 90 days reach the threshold, per month. */
    private double leadsPerMonth(ScoringModel suggestion, int threshold) {
        Instant since = clock.instant().minus(Duration.ofDays(90));
        List<Long> recent = jdbc.sql("select id from lead where product_id = ? and created_at >= ?")
                .params(suggestion.productId(), Timestamp.from(since)).query(Long.class).list();
        if (recent.isEmpty()) {
            return 0;
        }
        long reaching = engine.preview(suggestion, recent).values().stream().filter(s -> total(s) >= threshold).count();
        return reaching / 3.0;
    }


}
