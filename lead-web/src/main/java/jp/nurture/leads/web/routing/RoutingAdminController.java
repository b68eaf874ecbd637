package jp.nurture.leads.web.routing;

import java.util.Arrays;
import java.util.List;
import jp.nurture.leads.core.capture.CustomFields;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.LeadNotFound;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.user.Role;
import jp.nurture.leads.core.user.UserDirectory;
import jp.nurture.leads.routing.RoutingNotices;
import jp.nurture.leads.routing.RoutingService;
import jp.nurture.leads.routing.RoutingSetup;
import jp.nurture.leads.routing.Strategy;
import jp.nurture.leads.routing.TargetKind;
import jp.nurture.leads.routing.TeamCut;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.dao.DataIntegrityViolationException;
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

/** The admin's routing pages: per-product settings, ordered rules and preview; areas, teams and members. */
@Controller
@RequestMapping("/admin/routing")
class RoutingAdminController {

    private static final String VIEW = "routing/admin";
    private static final String ORG_VIEW = "routing/org";

    private final RoutingSetup setup;
    private final RoutingService routing;
    private final ProductCatalog catalog;
    private final UserDirectory users;
    private final RoutingNotices notices;
    private final CustomFields customFields;

    RoutingAdminController(RoutingSetup setup, RoutingService routing, ProductCatalog catalog, UserDirectory users,
            RoutingNotices notices, CustomFields customFields) {
        this.setup = setup;
        this.routing = routing;
        this.catalog = catalog;
        this.users = users;
        this.notices = notices;
        this.customFields = customFields;
    }

    @GetMapping
    String rules(@RequestParam(required = false) Long product, @RequestParam(required = false) Long preview,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        List<Product> products = catalog.visibleTo(user.scope());
        model.addAttribute("products", products);
        if (product == null) {
            return products.isEmpty() ? VIEW : "redirect:/admin/routing?product=" + products.get(0).getId();
        }
        Product p = catalog.get(product, user.scope());
        model.addAttribute("product", p);
        model.addAttribute("settings", setup.settings(product));
        model.addAttribute("returnReasonsText", String.join("\n", setup.settings(product).returnReasons()));
        model.addAttribute("rules", setup.rules(product));
        model.addAttribute("areas", setup.areas());
        model.addAttribute("teams", setup.teams());
        model.addAttribute("fieldSales", users.withRole(Role.FIELD_SALES));
        model.addAttribute("allUsers", users.all());
        model.addAttribute("names", users.all().stream().collect(java.util.stream.Collectors.toMap(
                jp.nurture.leads.core.user.AppUser::getId, jp.nurture.leads.core.user.AppUser::getDisplayName)));
        model.addAttribute("teamNames", setup.teams().stream().collect(java.util.stream.Collectors.toMap(
                RoutingSetup.Team::id, RoutingSetup.Team::name)));
        model.addAttribute("industries", Industry.values());
        model.addAttribute("employeeBands", EmployeeBand.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("targetKinds", TargetKind.values());
        model.addAttribute("strategies", Strategy.values());
        model.addAttribute("failures", routing.openFailures(user.scope()));
        model.addAttribute("failedNotices", notices.failed());
        model.addAttribute("customFields", customFields.of(product));
        if (preview != null) {
            model.addAttribute("previewLead", preview);
            try {
                model.addAttribute("decision", routing.preview(preview, user.scope()));
            } catch (LeadNotFound e) {
                model.addAttribute("error", "routing.preview.notFound");
            }
        }
        return VIEW;
    }

    @PostMapping("/{product}/settings")
    String saveSettings(@PathVariable long product, @ModelAttribute SettingsForm form,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        catalog.get(product, user.scope());
        String problem = form.problem();
        if (problem != null) {
            redirect.addFlashAttribute("error", problem);
        } else {
            setup.saveSettings(form.toSettings(product));
            redirect.addFlashAttribute("message", "routing.settings.saved");
        }
        return "redirect:/admin/routing?product=" + product;
    }

    @PostMapping("/{product}/rules")
    String addRule(@PathVariable long product, @ModelAttribute RuleForm form, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        catalog.get(product, user.scope());
        String problem = form.problem();
        if (problem != null) {
            redirect.addFlashAttribute("error", problem);
        } else {
            setup.addRule(form.toRule(product));
            redirect.addFlashAttribute("message", "routing.rule.added");
        }
        return "redirect:/admin/routing?product=" + product;
    }

    @PostMapping("/{product}/rules/{rule}/up")
    String moveUp(@PathVariable long product, @PathVariable long rule, RedirectAttributes redirect) {
        setup.moveRuleUp(product, rule);
        redirect.addFlashAttribute("message", "routing.rule.moved");
        return "redirect:/admin/routing?product=" + product;
    }

    @PostMapping("/{product}/rules/{rule}/enabled")
    String enable(@PathVariable long product, @PathVariable long rule, @RequestParam boolean enabled,
            RedirectAttributes redirect) {
        setup.enableRule(product, rule, enabled);
        redirect.addFlashAttribute("message", "routing.rule.saved");
        return "redirect:/admin/routing?product=" + product;
    }

    @PostMapping("/{product}/rules/{rule}/delete")
    String delete(@PathVariable long product, @PathVariable long rule, RedirectAttributes redirect) {
        setup.deleteRule(product, rule);
        redirect.addFlashAttribute("message", "routing.rule.deleted");
        return "redirect:/admin/routing?product=" + product;
    }

    @PostMapping("/retry")
    String retry(@RequestParam(required = false) Long product, RedirectAttributes redirect) {
        int routed = routing.retryFailures(true);
        redirect.addFlashAttribute("message", routed > 0 ? "routing.retry.done" : "routing.retry.none");
        return "redirect:/admin/routing" + (product == null ? "" : "?product=" + product);
    }

    @PostMapping("/notices/{notice}/retry")
    String retryNotice(@PathVariable long notice, @RequestParam(required = false) Long product,
            RedirectAttributes redirect) {
        boolean queued = notices.retry(notice);
        if (queued) {
            notices.deliverDue();
        }
        redirect.addFlashAttribute("message", queued ? "routing.notices.retried" : "routing.retry.none");
        return "redirect:/admin/routing" + (product == null ? "" : "?product=" + product);
    }

    @GetMapping("/org")
    String organisation(Model model) {
        model.addAttribute("areas", setup.areas());
        model.addAttribute("teams", setup.teams());
        model.addAttribute("cuts", TeamCut.values());
        model.addAttribute("prefectures", Prefecture.values());
        model.addAttribute("prefectureNames", Arrays.stream(Prefecture.values()).collect(
                java.util.stream.Collectors.toMap(Enum::name, Prefecture::japaneseName)));
        model.addAttribute("fieldSales", users.withRole(Role.FIELD_SALES));
        model.addAttribute("allUsers", users.all());
        return ORG_VIEW;
    }

    @PostMapping("/org/areas")
    String addArea(@RequestParam(required = false) String name,
            @RequestParam(required = false) List<String> prefectures, RedirectAttributes redirect) {
        if (name == null || name.isBlank() || name.strip().length() > 80 || prefectures == null || prefectures.isEmpty()
                || !prefectures.stream().allMatch(p -> Arrays.stream(Prefecture.values()).anyMatch(v -> v.name().equals(p)))) {
            redirect.addFlashAttribute("error", "routing.area.error");
        } else {
            setup.createArea(name, prefectures);
            redirect.addFlashAttribute("message", "routing.area.saved");
        }
        return "redirect:/admin/routing/org";
    }

    @PostMapping("/org/teams")
    String addTeam(@RequestParam(required = false) String name, @RequestParam(required = false) TeamCut cut,
            @RequestParam(required = false) Long leadUserId, RedirectAttributes redirect) {
        if (name == null || name.isBlank() || name.strip().length() > 120 || cut == null) {
            redirect.addFlashAttribute("error", "routing.team.error");
            return "redirect:/admin/routing/org";
        }
        try {
            setup.createTeam(name, cut, leadUserId);
            redirect.addFlashAttribute("message", "routing.team.saved");
        } catch (DataIntegrityViolationException e) {
            redirect.addFlashAttribute("error", "routing.team.taken");
        }
        return "redirect:/admin/routing/org";
    }

    @PostMapping("/org/teams/{team}/members")
    String putMember(@PathVariable long team, @RequestParam(required = false) Long userId,
            @RequestParam(required = false) Integer capacity, RedirectAttributes redirect) {
        if (userId == null || capacity == null || capacity < 1 || capacity > 1000) {
            redirect.addFlashAttribute("error", "routing.member.error");
            return "redirect:/admin/routing/org";
        }
        try {
            setup.putMember(team, userId, capacity);
            redirect.addFlashAttribute("message", "routing.member.saved");
        } catch (DataIntegrityViolationException e) {
            redirect.addFlashAttribute("error", "routing.member.error");
        }
        return "redirect:/admin/routing/org";
    }

    @PostMapping("/org/teams/{team}/members/{user}/delete")
    String removeMember(@PathVariable long team, @PathVariable long user, RedirectAttributes redirect) {
        setup.removeMember(team, user);
        redirect.addFlashAttribute("message", "routing.member.removed");
        return "redirect:/admin/routing/org";
    }
}
