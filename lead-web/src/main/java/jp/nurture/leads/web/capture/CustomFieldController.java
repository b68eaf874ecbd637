package jp.nurture.leads.web.capture;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import jp.nurture.leads.core.capture.CustomField;
import jp.nurture.leads.core.capture.CustomFieldType;
import jp.nurture.leads.core.capture.CustomFields;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
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
 * The custom fields of a product (text, number, date, choice), which imports map columns to, the API accepts and
 * segments and routing rules look at. Key and type are fixed once defined; label and choices can change.
 */
@Controller
@RequestMapping("/products/{productId}/fields")
class CustomFieldController {

    private static final String VIEW = "imports/fields";

    private final CustomFields fields;
    private final ProductCatalog catalog;

    CustomFieldController(CustomFields fields, ProductCatalog catalog) {
        this.fields = fields;
        this.catalog = catalog;
    }

    /** A new field; choices one per line. */
    record FieldForm(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,59}") String key,
            @NotBlank @Size(max = 120) String label, @NotNull CustomFieldType type, @Size(max = 5000) String choices) {
    }

    /** A change of an existing field's label or choices. */
    record FieldEdit(@NotBlank @Size(max = 120) String label, @Size(max = 5000) String choices) {
    }

    @GetMapping
    String show(@PathVariable long productId, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("form", new FieldForm("", "", CustomFieldType.TEXT, ""));
        return view(productId, user, model);
    }

    @PostMapping
    String add(@PathVariable long productId, @Valid @ModelAttribute("form") FieldForm form, BindingResult result,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        catalog.get(productId, user.scope());
        if (result.hasErrors()) {
            return view(productId, user, model);
        }
        try {
            fields.define(productId, form.key(), form.label(), form.type(), lines(form.choices()));
        } catch (CustomFields.InvalidCustomField e) {
            result.rejectValue(e.field().equals("duplicate") ? "key" : e.field(), "customFields.invalid." + e.field());
            return view(productId, user, model);
        }
        redirect.addFlashAttribute("message", "customFields.added");
        return "redirect:/products/" + productId + "/fields";
    }

    @PostMapping("/{fieldId}")
    String edit(@PathVariable long productId, @PathVariable long fieldId, @Valid @ModelAttribute FieldEdit edit,
            BindingResult result, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        catalog.get(productId, user.scope());
        if (result.hasErrors()) {
            redirect.addFlashAttribute("error", "customFields.invalid.label");
            return "redirect:/products/" + productId + "/fields";
        }
        try {
            fields.redefine(productId, fieldId, edit.label(), lines(edit.choices()));
            redirect.addFlashAttribute("message", "customFields.saved");
        } catch (CustomFields.InvalidCustomField e) {
            redirect.addFlashAttribute("error", "customFields.invalid." + e.field());
        }
        return "redirect:/products/" + productId + "/fields";
    }

    @PostMapping("/{fieldId}/delete")
    String remove(@PathVariable long productId, @PathVariable long fieldId, @AuthenticationPrincipal CurrentUser user,
            RedirectAttributes redirect) {
        catalog.get(productId, user.scope());
        redirect.addFlashAttribute("message", fields.remove(productId, fieldId) ? "customFields.removed"
                : "customFields.invalid.missing");
        return "redirect:/products/" + productId + "/fields";
    }

    private String view(long productId, CurrentUser user, Model model) {
        Product product = catalog.get(productId, user.scope());
        List<CustomField> defined = fields.of(productId);
        model.addAttribute("product", product);
        model.addAttribute("fields", defined);
        model.addAttribute("types", CustomFieldType.values());
        return VIEW;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
