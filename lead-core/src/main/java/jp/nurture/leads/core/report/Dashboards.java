package jp.nurture.leads.core.report;


import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The PDCA dashboards: one product's, and all visible products side by side. */
@Service
@Transactional(readOnly = true)
public class Dashboards {

    private final JdbcClient jdbc;
    private final ProductCatalog catalog;
    private final NurturePlans plans;
    private final TimelinePanels timeline;
    private final List<DashboardPanels> sources;

    Dashboards(JdbcClient jdbc, ProductCatalog catalog, NurturePlans plans, TimelinePanels timeline,
            List<DashboardPanels> sources) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.plans = plans;
        this.timeline = timeline;
        this.sources = sources.stream().sorted(Comparator.comparingInt(DashboardPanels::order)).toList();
    }

    /** A product's dashboard; a product the user may not see is not found. */
    public ProductDashboard product(long productId, Period period, ProductScope scope) {
        catalog.get(productId, scope);
        List<ReportTable> panels = new ArrayList<>();
        sources.forEach(source -> panels.addAll(source.panels(productId, period)));
        Instant snapshot = jdbc.sql("select taken_at from report_snapshot_run where product_id = ?").param(productId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        return new ProductDashboard(productId, period, plans.find(productId), timeline.totals(productId, period),
                timeline.totals(productId, period.previous()), snapshot, panels);
    }

    /** Every product the user may see, side by side for the period. */
    public ReportTable products(Period period, ProductScope scope) {
        List<Product> products = catalog.visibleTo(scope);
        Long[] ids = products.stream().map(Product::getId).toArray(Long[]::new);
        Map<Long, PeriodTotals> totals = timeline.totalsByProduct(ids, period);
        Map<Long, Integer> targets = new HashMap<>();
        jdbc.sql("select product_id, target_win_rate from nurture_plan where product_id = any(?)").param(ids)
                .query(rs -> {
                    targets.put(rs.getLong(1), rs.getInt(2));
                });
        Map<Long, Long> costs = timeline.costsByProduct(ids, period);
        List<List<Object>> rows = new ArrayList<>();
        for (Product p : products) {
            PeriodTotals t = totals.getOrDefault(p.getId(), PeriodTotals.NONE);
            long cost = costs.getOrDefault(p.getId(), 0L);
            rows.add(Arrays.asList(p.getName(), t.newLeads(), t.becameHot(), t.handedOff(), t.acceptedPercent(),
                    t.returnedPercent(), t.won(), t.wonPercent(),
                    (double) targets.getOrDefault(p.getId(), NurturePlan.DEFAULT_TARGET_WIN_RATE), t.wonAmountYen(),
                    t.slaKeptPercent(), cost, MarketingCosts.perUnit(cost, t.newLeads()),
                    MarketingCosts.roiPercent(t.wonAmountYen(), cost)));
        }
        return new ReportTable("products", "bar", List.of("product", "new_leads", "became_hot", "handed_off",
                "accepted_pct", "returned_pct", "won", "won_pct", "target_pct", "won_amount_yen", "sla_kept_pct",
                "cost_yen", "cost_per_lead_yen", "roi_pct"),
                List.of("new_leads", "became_hot", "handed_off", "won"), rows);
    }

    /** The product ids of the company-wide table, in its row order, for links. */
    public List<Long> productIds(ProductScope scope) {
        return catalog.visibleTo(scope).stream().map(Product::getId).toList();
    }

}
