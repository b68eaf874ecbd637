package jp.nurture.leads.web.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.scoring.InvalidModel;
import jp.nurture.leads.scoring.ModelSaved;
import jp.nurture.leads.scoring.ScoringModels;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.Problem;
import jp.nurture.leads.scoring.model.RuleKind;
import jp.nurture.leads.scoring.model.ScoringModel;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A product's scoring model: edit the rules, hot rule and bands (saved as a new version), read old versions. */
@Controller
class ScoringModelController {

    private static final String VIEW = "scoring/model";

    private final ProductCatalog catalog;
    private final ScoringModels models;

    ScoringModelController(ProductCatalog catalog, ScoringModels models) {
        this.catalog = catalog;
        this.models = models;
    }

    /** The chosen product's model (the product picker submits here), else the first visible product's. */
    @GetMapping("/scoring")
    String first(@RequestParam(required = false) Long product, @AuthenticationPrincipal CurrentUser user) {
        List<Product> products = catalog.visibleTo(user.scope());
        Product chosen = products.stream().filter(p -> p.getId().equals(product)).findFirst()
                .orElse(products.isEmpty() ? null : products.get(0));
        return chosen == null ? "redirect:/" : "redirect:/products/" + chosen.getId() + "/scoring";
    }

    @GetMapping("/products/{id}/scoring")
    String show(@PathVariable Long id, @RequestParam(required = false) Integer version,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        Product product = catalog.get(id, user.scope());
        ScoringModel active = models.active(id);
        ScoringModel shown = version == null ? active : models.version(id, version)
                .orElseThrow(() -> new jp.nurture.leads.core.product.ProductNotFound(id));
        model.addAttribute("form", ModelForm.of(shown));
        model.addAttribute("shown", shown);
        return view(product, active, user, model);
    }

    @PostMapping("/products/{id}/scoring")
    String save(@PathVariable Long id, @ModelAttribute("form") ModelForm form, BindingResult result,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        Product product = catalog.get(id, user.scope());
        ScoringModel active = models.active(id);
        List<Integer> rowOfRule = new ArrayList<>();
        if (result.getTarget() == null) {
            throw new IllegalStateException("model form not bound: " + result.getAllErrors());
        }
        ModelDraft draft = form.toDraft(result, rowOfRule);
        reject(models.check(draft), rowOfRule, result);
        if (result.hasErrors()) {
            return invalid(product, active, form, user, model);
        }
        try {
            ModelSaved saved = models.save(id, draft, user.id());
            redirect.addFlashAttribute("message", "scoring.saved");
            redirect.addFlashAttribute("savedVersion", saved.model().version());
            redirect.addFlashAttribute("leadsChanged", saved.leadsChanged());
            redirect.addFlashAttribute("becameHot", saved.becameHot());
        } catch (InvalidModel e) {
            reject(e.problems(), rowOfRule, result);
            return invalid(product, active, form, user, model);
        }
        return "redirect:/products/" + id + "/scoring";
    }

    private String invalid(Product product, ScoringModel active, ModelForm form, CurrentUser user, Model model) {
        // The bound form stays in the model as it came, with its BindingResult; re-adding it would drop the errors.
        model.addAttribute("shown", active);
        return view(product, active, user, model);
    }

    private static void reject(List<Problem> problems, List<Integer> rowOfRule, BindingResult result) {
        for (Problem p : problems) {
            String code = "scoring.problem." + p.code();
            String field = p.rule() < 0 ? p.field() : "rules[" + rowOfRule.get(p.rule()) + "]." + p.field();
            if (field.equals("rules")) {
                result.reject(code);
            } else if (!result.hasFieldErrors(field) && !(p.code().equals("hot.required") && result.hasErrors())) {
                // A field already rejected as unreadable keeps that one message.
                result.rejectValue(field, code);
            }
        }
    }

    private String view(Product product, ScoringModel active, CurrentUser user, Model model) {
        model.addAttribute("product", product);
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("active", active);
        model.addAttribute("versions", models.versions(product.getId()));
        model.addAttribute("fitCriteria", Criterion.of(RuleKind.FIT));
        model.addAttribute("engagementCriteria", Criterion.of(RuleKind.ENGAGEMENT));
        model.addAttribute("criteria", Arrays.asList(Criterion.values()));
        return VIEW;
    }
}
