package jp.nurture.leads.core.lead;

import java.util.List;

/**
 * One stage column of a product's board: how many leads are in it (counted exactly up to
 * {@link LeadQueries#COUNT_CAP}, beyond that {@link #capped()}) and the best-scored of them.
 */
public record BoardColumn(Stage stage, long total, List<LeadRow> cards) {

    /** True when the column holds more than {@link LeadQueries#COUNT_CAP} leads and {@link #total()} is a floor. */
    public boolean capped() {
        return total > LeadQueries.COUNT_CAP;
    }
}
