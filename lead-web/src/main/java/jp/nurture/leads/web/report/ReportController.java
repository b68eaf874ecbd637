package jp.nurture.leads.web.report;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.report.Dashboards;
import jp.nurture.leads.core.report.NurturePlan;
import jp.nurture.leads.core.report.NurturePlans;
import jp.nurture.leads.core.report.ProductDashboard;
import jp.nurture.leads.core.report.ReportTable;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The PDCA dashboards: all products side by side, one product's panels against its plan, CSV of every table, and
 * the plan's editor. Filters live in the URL. A product outside the user's scope is not found (404).
 */
@Controller
@RequestMapping("/reports")
class ReportController {

    private static final String COMPANY = "reports/company";
    private static final String DASHBOARD = "reports/dashboard";
    private static final String PLAN = "reports/plan";

    private final Dashboards dashboards;
    private final NurturePlans plans;
    private final ProductCatalog catalog;
    private final ReportViews views;

    ReportController(Dashboards dashboards, NurturePlans plans, ProductCatalog catalog, ReportViews views) {
        this.dashboards = dashboards;
        this.plans = plans;
        this.catalog = catalog;
        this.views = views;
    }

    @GetMapping
    String company(@RequestParam(required = false) String period, @RequestParam(required = false) String on,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        ReportFilter filter = ReportFilter.of(period, on, ReportFilter.today());
        model.addAttribute("filter", filter);
        ReportTable table = dashboards.products(filter.resolved(), user.scope());
        model.addAttribute("table", table);
        model.addAttribute("charts", views.charts(List.of(table)));
        model.addAttribute("productIds", dashboards.productIds(user.scope()));
        return COMPANY;
    }

    @GetMapping("/export")
    void companyCsv(@RequestParam(required = false) String period, @RequestParam(required = false) String on,
            @AuthenticationPrincipal CurrentUser user, HttpServletResponse response) throws IOException {
        ReportFilter filter = ReportFilter.of(period, on, ReportFilter.today());
        views.csv(List.of(dashboards.products(filter.resolved(), user.scope())),
                "products-" + filter.resolved().label() + ".csv", response);
    }

    @GetMapping("/products/{id}")
    String dashboard(@PathVariable long id, @RequestParam(required = false) String period,
            @RequestParam(required = false) String on, @AuthenticationPrincipal CurrentUser user, Model model) {
        Product product = catalog.get(id, user.scope());
        ReportFilter filter = ReportFilter.of(period, on, ReportFilter.today());
        ProductDashboard dashboard = dashboards.product(id, filter.resolved(), user.scope());
        model.addAttribute("product", product);
        model.addAttribute("filter", filter);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("charts", views.charts(dashboard.panels()));
        return DASHBOARD;
    }

    /** One panel's table as CSV, or every panel one after the other ({@code panel=all}). */
    @GetMapping("/products/{id}/export/{panel}")
    void dashboardCsv(@PathVariable long id, @PathVariable String panel, @RequestParam(required = false) String period,
            @RequestParam(required = false) String on, @AuthenticationPrincipal CurrentUser user,
            HttpServletResponse response) throws IOException {
        Product product = catalog.get(id, user.scope());
        ReportFilter filter = ReportFilter.of(period, on, ReportFilter.today());
        ProductDashboard dashboard = dashboards.product(id, filter.resolved(), user.scope());
        List<ReportTable> tables = panel.equals("all") ? dashboard.panels()
                : dashboard.panel(panel).map(List::of).orElse(null);
        if (tables == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        views.csv(tables, product.getCode().replaceAll("[^A-Za-z0-9_-]", "_") + "-" + panel + "-"
                + filter.resolved().label() + ".csv", response);
    }

    @GetMapping("/products/{id}/plan")
    String plan(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        NurturePlan plan = plans.get(id, user.scope());
        model.addAttribute("form", PlanForm.of(plan));
        return planPage(catalog.get(id, user.scope()), model);
    }

    @PostMapping("/products/{id}/plan")
    String savePlan(@PathVariable long id, @ModelAttribute("form") PlanForm form, BindingResult errors,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        Product product = catalog.get(id, user.scope());
        NurturePlan plan = form.toPlan(id, errors);
        if (plan == null) {
            return planPage(product, model);
        }
        plans.save(plan, user.id(), user.scope());
        redirect.addFlashAttribute("message", "report.plan.saved");
        return "redirect:/reports/products/" + id;
    }

    private String planPage(Product product, Model model) {
        model.addAttribute("product", product);
        model.addAttribute("channels", Channel.values());
        return PLAN;
    }
}
