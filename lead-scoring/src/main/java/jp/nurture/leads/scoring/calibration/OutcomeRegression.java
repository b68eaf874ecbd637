package jp.nurture.leads.scoring.calibration;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Logistic regression (Tribuo) of "won" on binary features of decided leads. The weight of a feature is its
 * change in the log-odds of winning: the WON row minus the OTHER row of the two-class softmax.
 */
final class OutcomeRegression {

    static final String WON = "WON";
    static final String OTHER = "OTHER";
    private static final long SEED = 20261123L;

    /** One decided lead: the features it had and whether it was won. */
    record Row(List<String> features, boolean won) {
    }

    private OutcomeRegression() {
    }

    static Map<String, Double> fit(List<Row> rows) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("decided leads", labels),
                labels);
        for (Row row : rows) {
            String[] names = row.features().toArray(String[]::new);
            double[] values = new double[names.length];
            java.util.Arrays.fill(values, 1.0);
            data.add(new ArrayExample<>(new Label(row.won() ? WON : OTHER), names, values));
        }
        // Fixed seed and epochs: the same history always gives the same suggestion.
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 40, SEED);
        Model<Label> model = trainer.train(data);
        Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
        Map<String, Double> won = weights(top.get(WON));
        Map<String, Double> other = weights(top.get(OTHER));
        Map<String, Double> logOdds = new HashMap<>();
        for (Map.Entry<String, Double> e : won.entrySet()) {
            if (!e.getKey().equals(Model.BIAS_FEATURE)) {
                logOdds.put(e.getKey(), e.getValue() - other.getOrDefault(e.getKey(), 0.0));
            }
        }
        return logOdds;
    }

    private static Map<String, Double> weights(List<Pair<String, Double>> pairs) {
        Map<String, Double> map = new HashMap<>();
        if (pairs != null) {
            pairs.forEach(p -> map.put(p.getA(), p.getB()));
        }
        return map;
    }
}
