package jp.nurture.leads.web.home;

import jp.nurture.leads.core.lead.LeadQueries;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Every user's start page: their products with leads per stage, and the way into their daily work. */
@Controller
class HomeController {

    private final ProductCatalog catalog;
    private final LeadQueries queries;

    HomeController(ProductCatalog catalog, LeadQueries queries) {
        this.catalog = catalog;
        this.queries = queries;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("counts", queries.stageCounts(user.scope()));
        model.addAttribute("stages", Stage.values());
        return "home";
    }
}
