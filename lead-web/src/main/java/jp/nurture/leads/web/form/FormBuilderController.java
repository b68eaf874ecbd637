package jp.nurture.leads.web.form;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.form.FieldSpec;
import jp.nurture.leads.core.form.FormDraft;
import jp.nurture.leads.core.form.FormField;
import jp.nurture.leads.core.form.FormNotFound;
import jp.nurture.leads.core.form.Forms;
import jp.nurture.leads.core.form.InvalidForm;
import jp.nurture.leads.core.form.LeadForm;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductNotFound;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The form builder for marketers: list the forms of their products, start one for a product, then pick fields,
 * their order, required flags, labels, opt-in boxes, channel and what follows a submission; the edit page shows the
 * public address and the embed snippet.
 */
@Controller
@RequestMapping("/forms")
class FormBuilderController {

    private static final String LIST_VIEW = "forms/list";
    private static final String NEW_VIEW = "forms/new";
    private static final String EDIT_VIEW = "forms/edit";

    private final Forms forms;
    private final ProductCatalog catalog;

    FormBuilderController(Forms forms, ProductCatalog catalog) {
        this.forms = forms;
        this.catalog = catalog;
    }

    /**
     * One catalogue field on the builder: whether the form asks it, and how; {@code position} is the text of its
     * order box (what was typed, after a refused save).
     */
    record Row(FieldSpec spec, boolean included, boolean required, String labelJa, String labelEn, String error,
            String position, String positionError) {
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        Map<Long, String> productNames = new HashMap<>();
        catalog.visibleTo(user.scope()).forEach(p -> productNames.put(p.getId(), p.getName()));
        model.addAttribute("forms", forms.list(user.scope()));
        model.addAttribute("productNames", productNames);
        return LIST_VIEW;
    }

    @GetMapping("/new")
    String startNew(@AuthenticationPrincipal CurrentUser user, Model model) {
        return newView(user, model, null, null, "ja", Map.of());
    }

    @PostMapping
    String create(@RequestParam(required = false) Long product, @RequestParam(required = false) String name,
            @RequestParam(required = false) String language, @AuthenticationPrincipal CurrentUser user, Model model,
            RedirectAttributes redirect) {
        if (product == null || !user.scope().allows(product)) {
            return newView(user, model, product, name, language, Map.of("product", "forms.error.product"));
        }
        long id;
        try {
            id = forms.create(product, name, language, user.scope(), user.id());
        } catch (InvalidForm e) {
            return newView(user, model, product, name, language, e.errors());
        } catch (ProductNotFound e) {
            return newView(user, model, product, name, language, Map.of("product", "forms.error.product"));
        }
        redirect.addFlashAttribute("message", "forms.created");
        return "redirect:/forms/" + id;
    }

    private String newView(CurrentUser user, Model model, Long product, String name, String language,
            Map<String, String> errors) {
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("product", product);
        model.addAttribute("name", name);
        model.addAttribute("language", language);
        model.addAttribute("errors", errors);
        return NEW_VIEW;
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        LeadForm form = forms.get(id, user.scope());
        return editView(model, form, form.draft(), Map.of());
    }

    @PostMapping("/{id}")
    String save(@PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        LeadForm form = forms.get(id, user.scope());
        List<FormField> fields = new ArrayList<>();
        Map<String, String> positions = new HashMap<>();
        for (FieldSpec spec : forms.catalogue(form.productId())) {
            String position = params.getFirst("order." + spec.key());
            if (position != null) {
                positions.put(spec.key(), position);
            }
            if (params.containsKey("include." + spec.key())) {
                fields.add(new FormField(spec.key(), params.containsKey("required." + spec.key()),
                        text(params, "labelJa." + spec.key()), text(params, "labelEn." + spec.key())));
            }
        }
        List<Long> consents = new ArrayList<>();
        for (String value : params.getOrDefault("consent", List.of())) {
            try {
                consents.add(Long.parseLong(value));
            } catch (NumberFormatException e) {
                consents.add(-1L); // refused below as an e-mail type this product does not have
            }
        }
        Channel channel = null;
        try {
            channel = Channel.valueOf(text(params, "channel"));
        } catch (IllegalArgumentException e) {
            // left null: the draft is refused with a channel error
        }
        long version;
        try {
            version = Long.parseLong(text(params, "version"));
        } catch (NumberFormatException e) {
            version = -1;
        }
        FormDraft draft = new FormDraft(text(params, "name"), text(params, "language"), channel,
                text(params, "sourceDetail"), fields, consents, params.containsKey("progressive"),
                text(params, "thankYouJa"), text(params, "thankYouEn"), text(params, "redirectUrl"), version,
                positions);
        try {
            forms.update(id, draft, user.scope());
        } catch (InvalidForm e) {
            return editView(model, form, draft, e.errors());
        }
        redirect.addFlashAttribute("message", "forms.saved");
        return "redirect:/forms/" + id;
    }

    private String editView(Model model, LeadForm form, FormDraft draft, Map<String, String> errors) {
        // The asked fields first, in the order they are asked, then the others in catalogue order.
        Map<String, FieldSpec> catalogue = new LinkedHashMap<>();
        forms.catalogue(form.productId()).forEach(spec -> catalogue.put(spec.key(), spec));
        List<Row> rows = new ArrayList<>();
        for (FormField f : draft.orderedFields()) {
            FieldSpec spec = catalogue.remove(f.key());
            if (spec != null) {
                rows.add(row(spec, f, rows.size(), draft, errors));
            }
        }
        for (FieldSpec spec : catalogue.values()) {
            rows.add(row(spec, null, rows.size(), draft, errors));
        }
        // The form was found within the user's scope, so its product is theirs.
        Product product = catalog.get(form.productId(), ProductScope.all());
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("form", form);
        model.addAttribute("draft", draft);
        model.addAttribute("rows", rows);
        model.addAttribute("maxPosition", FormDraft.MAX_POSITION);
        model.addAttribute("productName", product.getName());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("emailTypes", forms.emailTypesOf(form.productId()));
        model.addAttribute("errors", errors);
        model.addAttribute("publicUrl", base + "/f/" + form.publicKey());
        model.addAttribute("embedSnippet", "<iframe data-nurture-form src=\"" + base + "/f/" + form.publicKey() + "/embed\""
                + " title=\"" + form.name().replace("\"", "&quot;") + "\" width=\"100%\" height=\"760\""
                + " style=\"border:0\" loading=\"lazy\"></iframe>");
        return EDIT_VIEW;
    }

    /** A row numbered by where it stands, unless the marketer's own entry is to be shown back. */
    private static Row row(FieldSpec spec, FormField f, int index, FormDraft draft, Map<String, String> errors) {
        return new Row(spec, f != null, f != null && f.required(), f == null ? "" : f.labelJa(),
                f == null ? "" : f.labelEn(), errors.get("label." + spec.key()),
                draft.positions().getOrDefault(spec.key(), String.valueOf(index + 1)),
                errors.get("order." + spec.key()));
    }

    private static String text(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null ? "" : value;
    }

    @ExceptionHandler(FormNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        return "error";
    }
}
