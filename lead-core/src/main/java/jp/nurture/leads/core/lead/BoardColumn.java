package jp.nurture.leads.core.lead;

import java.util.List;

/** One stage column of a product's board: how many leads are in it and the best-scored of them. */
public record BoardColumn(Stage stage, long total, List<LeadRow> cards) {
}
