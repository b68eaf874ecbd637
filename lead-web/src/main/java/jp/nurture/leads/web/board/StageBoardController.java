package jp.nurture.leads.web.board;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.BoardColumn;
import jp.nurture.leads.core.lead.BoardFilter;
import jp.nurture.leads.core.lead.LeadQueries;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.ConcurrentLeadChange;
import jp.nurture.leads.core.lead.InvalidStageTransition;
import jp.nurture.leads.core.lead.LeadRow;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.user.Role;
import jp.nurture.leads.core.user.UserDirectory;
import jp.nurture.leads.routing.InsideSalesDesk;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Inside sales' stage board for one product: four columns, filters, the user's "today" list, and from each card
 * a move (drag or buttons), a logged call or note, one BANT answer and a follow-up task. With htmx a move swaps
 * the board region in place; without JavaScript everything redirects back to the board.
 */
@Controller
@RequestMapping("/board")
class StageBoardController {

    static final int CARDS_PER_COLUMN = 30;
    private static final String VIEW = "board/board";

    /** The board's filters, as they arrive from the filter form and travel with every board request. */
    record Filters(Long owner, Integer minScore, Channel channel, Boolean hot) {

        BoardFilter toFilter() {
            return new BoardFilter(owner, minScore, channel == null ? null : channel.name(), Boolean.TRUE.equals(hot));
        }

        String query(long product) {
            return UriComponentsBuilder.fromPath("/board").queryParam("product", product)
                    .queryParamIfPresent("owner", java.util.Optional.ofNullable(owner))
                    .queryParamIfPresent("minScore", java.util.Optional.ofNullable(minScore))
                    .queryParamIfPresent("channel", java.util.Optional.ofNullable(channel))
                    .queryParamIfPresent("hot", java.util.Optional.ofNullable(Boolean.TRUE.equals(hot) ? true : null))
                    .build().encode().toUriString();
        }
    }

    private final ProductCatalog catalog;
    private final LeadService leads;
    private final LeadQueries queries;
    private final InsideSalesDesk desk;
    private final UserDirectory users;

    StageBoardController(ProductCatalog catalog, LeadService leads, LeadQueries queries, InsideSalesDesk desk,
            UserDirectory users) {
        this.catalog = catalog;
        this.leads = leads;
        this.queries = queries;
        this.desk = desk;
        this.users = users;
    }

    @GetMapping
    String board(@RequestParam(required = false) Long product, @ModelAttribute("filters") Filters filters,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        List<Product> products = catalog.visibleTo(user.scope());
        model.addAttribute("products", products);
        if (product == null && !products.isEmpty()) {
            return "redirect:/board?product=" + products.get(0).getId();
        }
        model.addAttribute("today", desk.today(user.id(), user.scope()));
        model.addAttribute("owners", users.withRole(Role.INSIDE_SALES));
        model.addAttribute("channels", Channel.values());
        if (product != null) {
            fill(catalog.get(product, user.scope()), filters, model);
        }
        return VIEW;
    }

    @HxRequest
    @PostMapping("/move")
    String moveInPlace(@RequestParam long lead, @RequestParam long version, @RequestParam Stage target,
            @RequestParam(required = false) String reason, @ModelAttribute("filters") Filters filters,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        Long productId = leads.get(lead, user.scope()).getProductId();
        String outcome = move(lead, version, target, reason, user);
        model.addAttribute(outcome.startsWith("stage.moved") ? "message" : "error", outcome);
        fill(catalog.get(productId, user.scope()), filters, model);
        return VIEW + " :: board";
    }

    @PostMapping("/move")
    String move(@RequestParam long lead, @RequestParam long version, @RequestParam Stage target,
            @RequestParam(required = false) String reason, @ModelAttribute("filters") Filters filters,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        Long productId = leads.get(lead, user.scope()).getProductId();
        String outcome = move(lead, version, target, reason, user);
        redirect.addFlashAttribute(outcome.startsWith("stage.moved") ? "message" : "error", outcome);
        return "redirect:" + filters.query(productId);
    }

    /**
     * A card's call/note, BANT and follow-up forms. The board loads them when a card's tools are opened rather than
     * rendering them into all 120 cards: that kept the board's page four times smaller and its rendering cheap.
     */
    @HxRequest
    @GetMapping("/leads/{id}/tools")
    String toolsInPlace(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        tools(id, user, model);
        return "board/tools :: tools";
    }

    /** The same forms as a page of their own, for a browser without JavaScript. */
    @GetMapping("/leads/{id}/tools")
    String tools(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        leads.get(id, user.scope());
        model.addAttribute("card", queries.row(id));
        model.addAttribute("bantParts", InsideSalesDesk.BantPart.values());
        model.addAttribute("authorities", Authority.values());
        model.addAttribute("timeframes", Timeframe.values());
        return "board/tools";
    }

    @PostMapping("/leads/{id}/contact")
    String logContact(@PathVariable long id, @RequestParam(required = false) ActivityType type,
            @RequestParam(required = false) String text, @ModelAttribute("filters") Filters filters,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        Long productId = leads.get(id, user.scope()).getProductId();
        if ((type != ActivityType.CALL && type != ActivityType.NOTE) || text == null || text.isBlank()) {
            redirect.addFlashAttribute("error", "board.contact.error");
        } else {
            desk.logContact(id, type, clip(text, 1000), user.id(), user.scope());
            redirect.addFlashAttribute("message", "board.contact.saved");
        }
        return "redirect:" + filters.query(productId);
    }

    @PostMapping("/leads/{id}/bant")
    String answerBant(@PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) InsideSalesDesk.BantPart part, @RequestParam(required = false) String answer,
            @ModelAttribute("filters") Filters filters, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        Long productId = leads.get(id, user.scope()).getProductId();
        String value = answer == null ? "" : answer.strip();
        if (part == null || value.isEmpty() || !validAnswer(part, value)) {
            redirect.addFlashAttribute("error", "board.bant.error");
            return "redirect:" + filters.query(productId);
        }
        try {
            desk.answerBant(id, version, part, clip(value, 500), user.id(), user.scope());
            redirect.addFlashAttribute("message", "board.bant.saved");
        } catch (ConcurrentLeadChange | ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("error", "lead.conflict");
        }
        return "redirect:" + filters.query(productId);
    }

    @PostMapping("/leads/{id}/follow-up")
    String followUp(@PathVariable long id, @RequestParam(required = false) String dueOn,
            @RequestParam(required = false) String note, @ModelAttribute("filters") Filters filters,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        Long productId = leads.get(id, user.scope()).getProductId();
        LocalDate due;
        try {
            due = LocalDate.parse(dueOn == null ? "" : dueOn.strip());
        } catch (DateTimeParseException e) {
            due = null;
        }
        if (due == null || note == null || note.isBlank()) {
            redirect.addFlashAttribute("error", "board.followUp.error");
        } else {
            desk.addFollowUp(id, due, clip(note, 500), user.id(), user.scope());
            redirect.addFlashAttribute("message", "board.followUp.saved");
        }
        return "redirect:" + filters.query(productId);
    }

    @PostMapping("/follow-ups/{id}/done")
    String followUpDone(@PathVariable long id, @RequestParam(required = false) Long product,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        desk.completeFollowUp(id, user.id());
        redirect.addFlashAttribute("message", "board.followUp.done");
        return "redirect:/board" + (product == null ? "" : "?product=" + product);
    }

    private static boolean validAnswer(InsideSalesDesk.BantPart part, String value) {
        return switch (part) {
            case AUTHORITY -> java.util.Arrays.stream(Authority.values()).anyMatch(a -> a.name().equals(value));
            case TIMEFRAME -> java.util.Arrays.stream(Timeframe.values()).anyMatch(t -> t.name().equals(value));
            default -> true;
        };
    }

    private String move(long lead, long version, Stage target, String reason, CurrentUser user) {
        try {
            leads.moveStage(lead, version, target, reason == null ? null : clip(reason, 500), user.id(), user.scope());
            return "stage.moved";
        } catch (InvalidStageTransition e) {
            return "stage.refused." + e.reason().name();
        } catch (ConcurrentLeadChange | ObjectOptimisticLockingFailureException e) {
            return "lead.conflict";
        }
    }

    private void fill(Product product, Filters filters, Model model) {
        List<BoardColumn> columns = queries.board(product.getId(), filters.toFilter(), CARDS_PER_COLUMN);
        model.addAttribute("product", product);
        model.addAttribute("columns", columns);
        model.addAttribute("facts", desk.cardFacts(columns.stream().flatMap(c -> c.cards().stream())
                .map(LeadRow::leadId).toList()));
        model.addAttribute("boardStages", Stage.BOARD);
        model.addAttribute("cardsPerColumn", CARDS_PER_COLUMN);
        model.addAttribute("bantParts", InsideSalesDesk.BantPart.values());
        model.addAttribute("authorities", Authority.values());
        model.addAttribute("timeframes", Timeframe.values());
        model.addAttribute("todayDate", LocalDate.now(jp.nurture.leads.routing.BusinessCalendar.JAPAN));
    }

    private static String clip(String text, int max) {
        String t = text.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
