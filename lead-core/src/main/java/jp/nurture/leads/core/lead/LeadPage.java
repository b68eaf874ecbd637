package jp.nurture.leads.core.lead;

import java.util.List;

/** A page of the lead list; {@code nextBefore} is the cursor for the next page, null on the last one. */
public record LeadPage(List<LeadRow> rows, Long nextBefore) {
}
