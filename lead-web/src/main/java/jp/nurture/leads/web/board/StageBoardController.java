package jp.nurture.leads.web.board;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import java.util.List;
import jp.nurture.leads.core.lead.ConcurrentLeadChange;
import jp.nurture.leads.core.lead.InvalidStageTransition;
import jp.nurture.leads.core.lead.LeadQueries;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Inside sales' stage board for one product: four columns, and a move performs the lead's stage transition.
 * With htmx the board region is swapped in place; without JavaScript the move redirects back to the board.
 */
@Controller
@RequestMapping("/board")
class StageBoardController {

    static final int CARDS_PER_COLUMN = 30;
    private static final String VIEW = "board/board";

    private final ProductCatalog catalog;
    private final LeadQueries queries;
    private final LeadService leads;

    StageBoardController(ProductCatalog catalog, LeadQueries queries, LeadService leads) {
        this.catalog = catalog;
        this.queries = queries;
        this.leads = leads;
    }

    @GetMapping
    String board(@RequestParam(required = false) Long product, @AuthenticationPrincipal CurrentUser user,
            Model model) {
        List<Product> products = catalog.visibleTo(user.scope());
        model.addAttribute("products", products);
        if (product == null && !products.isEmpty()) {
            return "redirect:/board?product=" + products.get(0).getId();
        }
        if (product != null) {
            fill(catalog.get(product, user.scope()), model);
        }
        return VIEW;
    }

    @HxRequest
    @PostMapping("/move")
    String moveInPlace(@RequestParam long lead, @RequestParam long version, @RequestParam Stage target,
            @RequestParam(required = false) String reason, @AuthenticationPrincipal CurrentUser user, Model model) {
        Long productId = leads.get(lead, user.scope()).getProductId();
        String outcome = move(lead, version, target, reason, user);
        model.addAttribute(outcome.startsWith("stage.moved") ? "message" : "error", outcome);
        fill(catalog.get(productId, user.scope()), model);
        return VIEW + " :: board";
    }

    @PostMapping("/move")
    String move(@RequestParam long lead, @RequestParam long version, @RequestParam Stage target,
            @RequestParam(required = false) String reason, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        Long productId = leads.get(lead, user.scope()).getProductId();
        String outcome = move(lead, version, target, reason, user);
        redirect.addFlashAttribute(outcome.startsWith("stage.moved") ? "message" : "error", outcome);
        return "redirect:/board?product=" + productId;
    }

    private String move(long lead, long version, Stage target, String reason, CurrentUser user) {
        try {
            leads.moveStage(lead, version, target, reason, user.id(), user.scope());
            return "stage.moved";
        } catch (InvalidStageTransition e) {
            return "stage.refused." + e.reason().name();
        } catch (ConcurrentLeadChange | ObjectOptimisticLockingFailureException e) {
            return "lead.conflict";
        }
    }

    private void fill(Product product, Model model) {
        model.addAttribute("product", product);
        model.addAttribute("columns", queries.board(product.getId(), CARDS_PER_COLUMN));
        model.addAttribute("boardStages", Stage.BOARD);
        model.addAttribute("cardsPerColumn", CARDS_PER_COLUMN);
    }
}
