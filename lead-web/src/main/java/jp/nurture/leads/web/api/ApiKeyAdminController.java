package jp.nurture.leads.web.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.user.ApiKeys;
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

/**
 * Admin: API keys. A new key's secret is rendered in the answer to the POST that created it and nowhere else — not
 * through a redirect's flash attribute, which would put it into the session table.
 */
@Controller
@RequestMapping("/admin/api-keys")
class ApiKeyAdminController {

    private static final String VIEW = "admin/api-keys";

    private final ApiKeys keys;
    private final ProductCatalog catalog;

    ApiKeyAdminController(ApiKeys keys, ProductCatalog catalog) {
        this.keys = keys;
        this.catalog = catalog;
    }

    /** A key to issue: a name saying who uses it, and its products. */
    record KeyForm(@NotBlank @Size(max = 120) String name, @NotEmpty List<Long> productIds) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("form", new KeyForm("", List.of()));
        return view(model);
    }

    @PostMapping
    String issue(@Valid @ModelAttribute("form") KeyForm form, BindingResult result,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        if (result.hasErrors()) {
            return view(model);
        }
        try {
            ApiKeys.Issued issued = keys.issue(form.name(), form.productIds(), user.id());
            model.addAttribute("issued", issued);
            model.addAttribute("form", new KeyForm("", List.of()));
        } catch (ApiKeys.InvalidApiKey e) {
            result.rejectValue(e.field(), "api.keys.invalid." + e.field());
        }
        return view(model);
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", keys.revoke(id, user.id()) ? "api.keys.revoked" : "api.keys.unchanged");
        return "redirect:/admin/api-keys";
    }

    private String view(Model model) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("products", catalog.visibleTo(ProductScope.all()));
        return VIEW;
    }
}
