package jp.nurture.leads.web.tracking;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.tracking.TopicRules;
import jp.nurture.leads.core.tracking.TrackedLinks;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The marketer's tracking page: the tag to copy per product and the URL-pattern → topic rules. */
@Controller
@RequestMapping("/tracking")
class TrackingSettingsController {

    private static final String VIEW = "tracking/settings";

    private final ProductCatalog catalog;
    private final TopicRules rules;
    private final TrackedLinks links;

    TrackingSettingsController(ProductCatalog catalog, TopicRules rules, TrackedLinks links) {
        this.catalog = catalog;
        this.rules = rules;
        this.links = links;
    }

    /** The topic rule form: which product, which path pattern, which topic. */
    record TopicRuleForm(@NotNull Long productId,
            @NotBlank @Size(max = 300) @Pattern(regexp = "/.*") String urlPattern,
            @NotBlank @Size(max = 100) String topic) {
    }

    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Model model) {
        model.addAttribute("form", new TopicRuleForm(null, "", ""));
        return view(user, model);
    }

    @PostMapping("/topics")
    String addRule(@Valid @ModelAttribute("form") TopicRuleForm form, BindingResult result,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return view(user, model);
        }
        catalog.get(form.productId(), user.scope());
        boolean added = rules.add(form.productId(), form.urlPattern(), form.topic());
        redirect.addFlashAttribute("message", added ? "tracking.topic.added" : "tracking.topic.exists");
        return "redirect:/tracking";
    }

    @PostMapping("/topics/{id}/delete")
    String removeRule(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        rules.remove(id, user.scope());
        redirect.addFlashAttribute("message", "tracking.topic.removed");
        return "redirect:/tracking";
    }

    private String view(CurrentUser user, Model model) {
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("rules", rules.list(user.scope()));
        model.addAttribute("base", ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
        model.addAttribute("keyFingerprint", links.keyFingerprint());
        return VIEW;
    }
}
