package jp.nurture.leads.web.campaign;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.nurture.leads.core.campaign.Campaign;
import jp.nurture.leads.core.campaign.CampaignChannel;
import jp.nurture.leads.core.campaign.CampaignStatus;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.campaign.InvalidCampaignInput;
import jp.nurture.leads.core.campaign.MemberStatus;
import jp.nurture.leads.core.campaign.NewCampaign;
import jp.nurture.leads.core.capture.ImportJobs;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.core.user.UserDirectory;
import jp.nurture.leads.web.security.CurrentUser;
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

/** Campaigns for marketers: the list with a form for a new one, and a campaign's page (members, sends, costs). */
@Controller
@RequestMapping("/campaigns")
class CampaignController {

    private static final String LIST = "campaigns/list";
    private static final String DETAIL = "campaigns/detail";
    private static final int MEMBERS_SHOWN = 200;
    private static final int UNDELIVERED_SHOWN = 100;

    private final Campaigns campaigns;
    private final EmailSends sends;
    private final EmailTemplates templates;
    private final ProductCatalog catalog;
    private final Segments segments;
    private final UserDirectory users;
    private final ImportJobs imports;

    CampaignController(Campaigns campaigns, EmailSends sends, EmailTemplates templates, ProductCatalog catalog,
            Segments segments, UserDirectory users, ImportJobs imports) {
        this.imports = imports;
        this.campaigns = campaigns;
        this.sends = sends;
        this.templates = templates;
        this.catalog = catalog;
        this.segments = segments;
        this.users = users;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("campaigns", campaigns.list(user.scope()));
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("channels", CampaignChannel.values());
        model.addAttribute("owners", users.all());
        return LIST;
    }

    @PostMapping
    String create(@RequestParam(required = false) Long product, @RequestParam(required = false) String name,
            @RequestParam(required = false) CampaignChannel channel, @RequestParam(required = false) String goal,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
            @RequestParam(required = false) Long budgetYen, @RequestParam(required = false) Long owner,
            @RequestParam(required = false) Integer ratePerMinute, @AuthenticationPrincipal CurrentUser user,
            Model model, RedirectAttributes redirect) {
        try {
            if (product == null) {
                throw new InvalidCampaignInput("campaign.invalid.product");
            }
            long id = campaigns.create(new NewCampaign(product, name, channel, goal, startsOn, endsOn, budgetYen,
                    owner, ratePerMinute), user.scope());
            redirect.addFlashAttribute("message", "campaign.saved");
            return "redirect:/campaigns/" + id;
        } catch (InvalidCampaignInput e) {
            model.addAttribute("formError", e);
            model.addAttribute("name", name);
            return list(user, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        Campaign campaign = campaigns.get(id, user.scope());
        model.addAttribute("campaign", campaign);
        model.addAttribute("product", catalog.get(campaign.productId(), user.scope()));
        model.addAttribute("members", campaigns.members(id, MEMBERS_SHOWN, user.scope()));
        model.addAttribute("sends", sends.ofCampaign(id, user.scope()));
        model.addAttribute("byType", sends.byEmailType(campaign.productId(), user.scope()));
        model.addAttribute("undelivered", sends.undelivered(id, UNDELIVERED_SHOWN, user.scope()));
        model.addAttribute("costs", campaigns.costs(id, user.scope()));
        model.addAttribute("segments", segments.list());
        model.addAttribute("imports", imports.recent(user.scope(), 50).stream()
                .filter(job -> job.productId() == campaign.productId()).toList());
        model.addAttribute("templates", templates.list(user.scope()).stream()
                .filter(t -> t.productId() == campaign.productId()).toList());
        model.addAttribute("memberStatuses", MemberStatus.values());
        model.addAttribute("statuses", CampaignStatus.values());
        return DETAIL;
    }

    @PostMapping("/{id}/members")
    String addMembers(@PathVariable long id, @RequestParam(required = false) Long segment,
            @RequestParam(required = false) String leads, @RequestParam(required = false) Long importJob,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        int added;
        if (segment != null) {
            added = campaigns.addSegment(id, segment, user.scope());
        } else if (importJob != null) {
            added = campaigns.addImport(id, importJob, user.scope());
        } else {
            List<Long> ids = new ArrayList<>();
            for (String part : (leads == null ? "" : leads).split("[\\s,、]+")) {
                if (part.matches("\\d{1,18}")) {
                    ids.add(Long.parseLong(part));
                }
            }
            added = campaigns.addLeads(id, ids, "list", user.scope());
        }
        redirect.addFlashAttribute("added", added);
        redirect.addFlashAttribute("message", "campaign.membersAdded");
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/{id}/members/{lead}")
    String memberStatus(@PathVariable long id, @PathVariable long lead,
            @RequestParam(required = false) MemberStatus status, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        if (status != null) {
            campaigns.setMemberStatus(id, lead, status, user.id(), user.scope());
        }
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/{id}/status")
    String status(@PathVariable long id, @RequestParam(required = false) CampaignStatus status,
            @AuthenticationPrincipal CurrentUser user) {
        if (status != null) {
            campaigns.changeStatus(id, status, user.scope());
        }
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/{id}/sends")
    String send(@PathVariable long id, @RequestParam(required = false) Long template,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        try {
            if (template == null) {
                throw new InvalidCampaignInput("send.invalid.template");
            }
            sends.issue(id, template, user.id(), user.scope());
            redirect.addFlashAttribute("message", "campaign.sendIssued");
        } catch (InvalidCampaignInput e) {
            redirect.addFlashAttribute("error", e.key());
        }
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/{id}/costs")
    String cost(@PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate spentOn,
            @RequestParam(required = false) String description, @RequestParam(required = false) Long amountYen,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        try {
            campaigns.addCost(id, spentOn, description, amountYen, user.scope());
        } catch (InvalidCampaignInput e) {
            redirect.addFlashAttribute("error", e.key());
        }
        return "redirect:/campaigns/" + id;
    }
}
