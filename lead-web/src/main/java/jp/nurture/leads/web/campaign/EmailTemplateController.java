package jp.nurture.leads.web.campaign;

import jp.nurture.leads.core.campaign.EmailOutbox;
import jp.nurture.leads.core.campaign.EmailTemplate;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.campaign.InvalidCampaignInput;
import jp.nurture.leads.core.campaign.MailMerge;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.user.UserDirectory;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Email templates per product × email type: list, write, preview with a real lead, test send to oneself. */
@Controller
@RequestMapping("/email-templates")
class EmailTemplateController {

    private static final String LIST = "campaigns/templates";
    private static final String FORM = "campaigns/template";

    private final EmailTemplates templates;
    private final EmailOutbox outbox;
    private final EmailTypes emailTypes;
    private final ProductCatalog catalog;
    private final UserDirectory users;

    EmailTemplateController(EmailTemplates templates, EmailOutbox outbox, EmailTypes emailTypes,
            ProductCatalog catalog, UserDirectory users) {
        this.templates = templates;
        this.outbox = outbox;
        this.emailTypes = emailTypes;
        this.catalog = catalog;
        this.users = users;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("templates", templates.list(user.scope()));
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        return LIST;
    }

    @GetMapping("/new")
    String create(@RequestParam long product, @AuthenticationPrincipal CurrentUser user, Model model) {
        catalog.get(product, user.scope());
        return form(product, null, "", "", "<p>{{name}} 様</p>\n", "{{name}} 様\n", 0, model);
    }

    @PostMapping
    String save(@RequestParam long product, @RequestParam(required = false) Long emailType,
            @RequestParam(required = false) String name, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String html, @RequestParam(required = false) String text,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        catalog.get(product, user.scope());
        try {
            long id = templates.create(product, emailType == null ? 0 : emailType, name, subject, html, text,
                    user.scope());
            redirect.addFlashAttribute("message", "template.saved");
            return "redirect:/email-templates/" + id;
        } catch (InvalidCampaignInput e) {
            model.addAttribute("formError", e);
            return form(product, null, name, subject, html, text, emailType == null ? 0 : emailType, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        EmailTemplate t = templates.get(id, user.scope());
        return form(t.productId(), t.id(), t.name(), t.subject(), t.htmlBody(), t.textBody(), t.emailTypeId(), model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam(required = false) Long emailType,
            @RequestParam(required = false) String name, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String html, @RequestParam(required = false) String text,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        EmailTemplate t = templates.get(id, user.scope());
        try {
            templates.update(id, emailType == null ? 0 : emailType, name, subject, html, text, user.scope());
            redirect.addFlashAttribute("message", "template.saved");
            return "redirect:/email-templates/" + id;
        } catch (InvalidCampaignInput e) {
            model.addAttribute("formError", e);
            return form(t.productId(), id, name, subject, html, text, emailType == null ? 0 : emailType, model);
        }
    }

    /** The template as one lead would get it; the HTML shows in a sandboxed frame. */
    @GetMapping("/{id}/preview")
    String preview(@PathVariable long id, @RequestParam(required = false) Long lead,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        EmailTemplate t = templates.get(id, user.scope());
        if (lead != null) {
            try {
                model.addAttribute("preview", templates.preview(id, lead, user.scope()));
                model.addAttribute("previewLead", lead);
            } catch (InvalidCampaignInput e) {
                model.addAttribute("previewError", e);
            }
        }
        return form(t.productId(), t.id(), t.name(), t.subject(), t.htmlBody(), t.textBody(), t.emailTypeId(), model);
    }

    @PostMapping("/{id}/test")
    String test(@PathVariable long id, @RequestParam(required = false) Long lead,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        try {
            if (lead == null) {
                throw new InvalidCampaignInput("template.invalid.previewLead");
            }
            outbox.sendTest(id, lead, users.get(user.id()).getEmail(), user.scope());
            redirect.addFlashAttribute("message", "template.testSent");
        } catch (InvalidCampaignInput e) {
            redirect.addFlashAttribute("error", e.key());
        }
        return "redirect:/email-templates/" + id;
    }

    private String form(long product, Long id, String name, String subject, String html, String text,
            long emailType, Model model) {
        model.addAttribute("productId", product);
        model.addAttribute("templateId", id);
        model.addAttribute("name", name);
        model.addAttribute("subject", subject);
        model.addAttribute("html", html);
        model.addAttribute("text", text);
        model.addAttribute("emailType", emailType);
        model.addAttribute("emailTypes", emailTypes.ofProduct(product));
        model.addAttribute("fields", MailMerge.FIELDS);
        return FORM;
    }
}
