package jp.nurture.leads.web.lead;

import jakarta.validation.Valid;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.ConcurrentLeadChange;
import jp.nurture.leads.core.lead.DuplicateEmail;
import jp.nurture.leads.core.lead.InvalidStageTransition;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadDossier;
import jp.nurture.leads.core.lead.LeadFilter;
import jp.nurture.leads.core.lead.LeadQueries;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.user.Role;
import jp.nurture.leads.core.user.UserDirectory;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The lead list, the lead page with its timeline and stage form, and the edit page. */
@Controller
@RequestMapping("/leads")
class LeadController {

    static final int PAGE_SIZE = 50;
    private static final String EDIT_VIEW = "leads/edit";

    private final LeadService leads;
    private final LeadQueries queries;
    private final ProductCatalog catalog;
    private final UserDirectory users;

    LeadController(LeadService leads, LeadQueries queries, ProductCatalog catalog, UserDirectory users) {
        this.leads = leads;
        this.queries = queries;
        this.catalog = catalog;
        this.users = users;
    }

    @InitBinder
    void disallowIds(WebDataBinder binder) {
        binder.setDisallowedFields("id", "leadId", "personId", "productId", "stage", "score", "hot");
    }

    @GetMapping
    String list(@RequestParam(required = false) Long product, @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) Long owner, @RequestParam(required = false) String q,
            @RequestParam(required = false) Long before, @AuthenticationPrincipal CurrentUser user, Model model) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 100) {
            text = text.substring(0, 100);
        }
        LeadFilter filter = new LeadFilter(product, stage, owner, text, before);
        model.addAttribute("filter", filter);
        model.addAttribute("page", queries.list(filter, user.scope(), PAGE_SIZE));
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("owners", users.all());
        model.addAttribute("stages", Stage.values());
        return "leads/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable Long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        LeadDossier dossier = leads.dossier(id, user.scope());
        model.addAttribute("dossier", dossier);
        model.addAttribute("lead", dossier.lead());
        model.addAttribute("product", catalog.get(dossier.lead().getProductId(), user.scope()));
        model.addAttribute("targets", Arrays.stream(Stage.values()).filter(dossier.lead()::canMoveTo).toList());
        model.addAttribute("owner", dossier.lead().getOwnerId() == null ? null : users.get(dossier.lead().getOwnerId()));
        model.addAttribute("mayMove", user.has(Role.INSIDE_SALES) || user.has(Role.ADMIN));
        model.addAttribute("mayEdit", user.has(Role.ADMIN) || user.has(Role.MARKETER) || user.has(Role.INSIDE_SALES));
        return "leads/detail";
    }

    @PostMapping("/{id}/stage")
    String moveStage(@PathVariable Long id, @RequestParam long version, @RequestParam Stage target,
            @RequestParam(required = false) String reason, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        String why = reason == null ? null : reason.strip();
        if (why != null && why.length() > 500) {
            why = why.substring(0, 500);
        }
        try {
            leads.moveStage(id, version, target, why, user.id(), user.scope());
            redirect.addFlashAttribute("message", "stage.moved");
        } catch (InvalidStageTransition e) {
            redirect.addFlashAttribute("error", "stage.refused." + e.reason().name());
        } catch (ConcurrentLeadChange | ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("error", "lead.conflict");
        }
        return "redirect:/leads/" + id;
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable Long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        LeadDossier dossier = leads.dossier(id, user.scope());
        model.addAttribute("form", LeadForm.of(dossier.lead(), dossier.person()));
        return editView(dossier.lead(), model);
    }

    @PostMapping("/{id}/edit")
    String save(@PathVariable Long id, @Valid @ModelAttribute("form") LeadForm form, BindingResult result,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        Lead lead = leads.get(id, user.scope());
        if (!result.hasFieldErrors("plannedAdoptionDate") && result.getTarget() != null) {
            try {
                form.adoptionDate();
            } catch (DateTimeParseException e) {
                result.rejectValue("plannedAdoptionDate", "typeMismatch.java.time.LocalDate");
            }
        }
        if (result.hasErrors()) {
            return editView(lead, model);
        }
        try {
            leads.edit(id, form.toEdit(), user.id(), user.scope());
        } catch (DuplicateEmail e) {
            result.rejectValue("email", "lead.email.taken");
            return editView(lead, model);
        } catch (ConcurrentLeadChange | ObjectOptimisticLockingFailureException e) {
            result.reject("lead.conflict");
            return editView(lead, model);
        }
        redirect.addFlashAttribute("message", "lead.saved");
        return "redirect:/leads/" + id;
    }

    private String editView(Lead lead, Model model) {
        model.addAttribute("lead", lead);
        model.addAttribute("titleLevels", TitleLevel.values());
        model.addAttribute("authorities", Authority.values());
        model.addAttribute("timeframes", Timeframe.values());
        model.addAttribute("owners", owners());
        return EDIT_VIEW;
    }

    private List<jp.nurture.leads.core.user.AppUser> owners() {
        return users.all().stream().filter(u -> u.isEnabled()
                && (u.has(Role.INSIDE_SALES) || u.has(Role.FIELD_SALES))).toList();
    }
}
