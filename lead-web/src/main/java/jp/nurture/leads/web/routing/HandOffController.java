package jp.nurture.leads.web.routing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import jp.nurture.leads.core.lead.ConcurrentLeadChange;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.user.Role;
import jp.nurture.leads.routing.HandOffChanged;
import jp.nurture.leads.routing.HandOffs;
import jp.nurture.leads.routing.RoutingSetup;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Field sales' hand-off queue: accept, return with a reason, then record won or lost. */
@Controller
@RequestMapping("/handoffs")
class HandOffController {

    private final HandOffs handOffs;
    private final RoutingSetup setup;

    HandOffController(HandOffs handOffs, RoutingSetup setup) {
        this.handOffs = handOffs;
        this.setup = setup;
    }

    @GetMapping
    String queue(@RequestParam(required = false) String all, @AuthenticationPrincipal CurrentUser user, Model model) {
        boolean everyone = all != null && user.has(Role.ADMIN);
        var queue = everyone ? handOffs.inFlight(user.scope()) : handOffs.queue(user.id());
        model.addAttribute("everyone", everyone);
        model.addAttribute("queue", queue);
        model.addAttribute("now", handOffs.now());
        model.addAttribute("notices", handOffs.accountNotices(user.id()));
        model.addAttribute("reasons", queue.stream().map(h -> h.productId()).distinct()
                .collect(java.util.stream.Collectors.toMap(p -> p, p -> setup.settings(p).returnReasons())));
        return "routing/handoffs";
    }

    @PostMapping("/{id}/accept")
    String accept(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        return step(redirect, "handoff.accepted", () -> handOffs.accept(id, user.id()));
    }

    @PostMapping("/{id}/return")
    String giveBack(@PathVariable long id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note, @RequestParam(required = false) Stage backTo,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        if (backTo == null || !backTo.acceptsReturn()) {
            redirect.addFlashAttribute("error", "handoff.error.backTo");
            return "redirect:/handoffs";
        }
        if ((reason == null || reason.isBlank()) && (note == null || note.isBlank())) {
            redirect.addFlashAttribute("error", "handoff.error.reason");
            return "redirect:/handoffs";
        }
        String why = clip(reason, 200);
        String more = clip(note, 1000);
        return step(redirect, "handoff.returned", () -> handOffs.giveBack(id, user.id(), why, more, backTo));
    }

    @PostMapping("/{id}/won")
    String won(@PathVariable long id, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String on, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        long yen;
        LocalDate date;
        try {
            yen = Long.parseLong(amount == null ? "" : amount.replace(",", "").strip());
            date = LocalDate.parse(on == null ? "" : on.strip());
        } catch (NumberFormatException | DateTimeParseException e) {
            redirect.addFlashAttribute("error", "handoff.error.won");
            return "redirect:/handoffs";
        }
        if (yen < 0) {
            redirect.addFlashAttribute("error", "handoff.error.won");
            return "redirect:/handoffs";
        }
        return step(redirect, "handoff.won", () -> handOffs.win(id, user.id(), yen, date));
    }

    @PostMapping("/{id}/lost")
    String lost(@PathVariable long id, @RequestParam(required = false) String reason,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        if (reason == null || reason.isBlank()) {
            redirect.addFlashAttribute("error", "handoff.error.lost");
            return "redirect:/handoffs";
        }
        String why = clip(reason, 500);
        return step(redirect, "handoff.lost", () -> handOffs.lose(id, user.id(), why));
    }

    private String step(RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", done);
        } catch (HandOffChanged e) {
            redirect.addFlashAttribute("error", "handoff.error.changed");
        } catch (ConcurrentLeadChange | ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("error", "lead.conflict");
        }
        return "redirect:/handoffs";
    }

    private static String clip(String text, int max) {
        String t = text == null ? "" : text.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
