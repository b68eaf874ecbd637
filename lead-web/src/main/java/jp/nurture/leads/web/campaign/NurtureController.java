package jp.nurture.leads.web.campaign;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.campaign.BranchCondition;
import jp.nurture.leads.core.campaign.InvalidCampaignInput;
import jp.nurture.leads.core.campaign.NurtureEntry;
import jp.nurture.leads.core.campaign.NurtureProgram;
import jp.nurture.leads.core.campaign.NurturePrograms;
import jp.nurture.leads.core.campaign.NurtureStepKind;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.web.security.CurrentUser;
import jp.nurture.leads.web.system.Formats;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Nurture programs: the list, a program's steps (appended one at a time), switch on/off, enrolment, positions. */
@Controller
@RequestMapping("/nurture")
class NurtureController {

    private static final int POSITIONS_SHOWN = 200;

    private final NurturePrograms programs;
    private final ProductCatalog catalog;
    private final Segments segments;
    private final EmailTemplates templates;

    NurtureController(NurturePrograms programs, ProductCatalog catalog, Segments segments, EmailTemplates templates) {
        this.programs = programs;
        this.catalog = catalog;
        this.segments = segments;
        this.templates = templates;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("programs", programs.list(user.scope()));
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("segments", segments.list());
        model.addAttribute("entries", NurtureEntry.values());
        return "campaigns/nurture-list";
    }

    @PostMapping
    String create(@RequestParam(required = false) Long product, @RequestParam(required = false) String name,
            @RequestParam(required = false) NurtureEntry entry, @RequestParam(required = false) Long segment,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime startsAt,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        try {
            if (product == null) {
                throw new InvalidCampaignInput("campaign.invalid.product");
            }
            long id = programs.create(product, name, entry, segment,
                    startsAt == null ? null : startsAt.atZone(Formats.JAPAN).toInstant(), user.scope());
            redirect.addFlashAttribute("message", "nurture.saved");
            return "redirect:/nurture/" + id;
        } catch (InvalidCampaignInput e) {
            model.addAttribute("formError", e);
            return list(user, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        NurtureProgram program = programs.get(id, user.scope());
        model.addAttribute("program", program);
        model.addAttribute("positions", programs.positions(id, POSITIONS_SHOWN, user.scope()));
        model.addAttribute("kinds", NurtureStepKind.values());
        model.addAttribute("conditions", BranchCondition.values());
        model.addAttribute("stages", Stage.values());
        model.addAttribute("templates", templates.list(user.scope()).stream()
                .filter(t -> t.productId() == program.productId()).toList());
        return "campaigns/nurture";
    }

    @PostMapping("/{id}/steps")
    String addStep(@PathVariable long id, @RequestParam(required = false) NurtureStepKind kind,
            @RequestParam Map<String, String> params, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String key : List.of("templateId", "days", "condition", "step", "value", "then", "else", "campaignId",
                "stage")) {
            String value = params.get(key);
            if (value != null && !value.isBlank()) {
                settings.put(key, value.strip());
            }
        }
        try {
            programs.addStep(id, kind, settings, user.scope());
        } catch (InvalidCampaignInput e) {
            redirect.addFlashAttribute("error", e.key());
        }
        return "redirect:/nurture/" + id;
    }

    @PostMapping("/{id}/active")
    String active(@PathVariable long id, @RequestParam(defaultValue = "false") boolean active,
            @AuthenticationPrincipal CurrentUser user) {
        programs.activate(id, active, user.scope());
        return "redirect:/nurture/" + id;
    }

    @PostMapping("/{id}/enroll")
    String enroll(@PathVariable long id, @RequestParam(required = false) String leads,
            @AuthenticationPrincipal CurrentUser user) {
        List<Long> ids = new ArrayList<>();
        for (String part : (leads == null ? "" : leads).split("[\\s,、]+")) {
            if (part.matches("\\d{1,18}")) {
                ids.add(Long.parseLong(part));
            }
        }
        programs.enroll(id, ids, user.scope());
        return "redirect:/nurture/" + id;
    }
}
