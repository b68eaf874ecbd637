package jp.nurture.leads.core.report;

import java.util.List;

/**
 * A source of panels for a product's dashboard. The built-in panels come from the timeline rollups; a feature that
 * owns other data (campaign cost and ROI, e-mail results) adds its own bean, and its tables appear on the dashboard,
 * in the CSV export and in the access rules without changes here.
 */
public interface DashboardPanels {

    /** The panels for one product and period, in display order. */
    List<ReportTable> panels(long productId, Period period);

    /** Position among the sources: lower comes first. */
    default int order() {
        return 100;
    }
}
