package jp.nurture.leads.web.scoring;

import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.scoring.Calibration;
import jp.nurture.leads.scoring.InvalidModel;
import jp.nurture.leads.scoring.ModelSaved;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A product's calibration from sales outcomes: win rate per score band, a suggested model with its back-test and a
 * hot threshold for the target win rate; applying it writes a new model version and rescores.
 */
@Controller
class CalibrationController {

    private static final String VIEW = "scoring/calibration";

    private final ProductCatalog catalog;
    private final Calibration calibration;

    CalibrationController(ProductCatalog catalog, Calibration calibration) {
        this.catalog = catalog;
        this.calibration = calibration;
    }

    @GetMapping("/products/{id}/scoring/calibration")
    String show(@PathVariable Long id, @RequestParam(required = false) String target,
            @AuthenticationPrincipal CurrentUser user, Model model) {
        Product product = catalog.get(id, user.scope());
        int percent = (int) Math.round(Calibration.DEFAULT_TARGET_WIN_RATE * 100);
        if (target != null && !target.isBlank()) {
            String normal = java.text.Normalizer.normalize(target.strip(), java.text.Normalizer.Form.NFKC);
            if (normal.matches("\\d{1,3}") && Integer.parseInt(normal) >= 1 && Integer.parseInt(normal) <= 100) {
                percent = Integer.parseInt(normal);
            } else {
                model.addAttribute("targetError", "calibration.target.invalid");
            }
        }
        model.addAttribute("product", product);
        model.addAttribute("target", percent);
        model.addAttribute("report", calibration.report(id, percent / 100.0));
        return VIEW;
    }

    @PostMapping("/products/{id}/scoring/calibration/apply")
    String apply(@PathVariable Long id, @RequestParam long suggestion, @RequestParam String threshold,
            @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        catalog.get(id, user.scope());
        Integer value = ModelForm.number(threshold, "threshold", new org.springframework.validation.MapBindingResult(
                new java.util.HashMap<>(), "apply"));
        if (value == null || value < 1) {
            redirect.addFlashAttribute("error", "calibration.threshold.invalid");
            return "redirect:/products/" + id + "/scoring/calibration";
        }
        try {
            ModelSaved saved = calibration.apply(id, suggestion, value, user.id());
            redirect.addFlashAttribute("message", "scoring.saved");
            redirect.addFlashAttribute("savedVersion", saved.model().version());
            redirect.addFlashAttribute("leadsChanged", saved.leadsChanged());
            redirect.addFlashAttribute("becameHot", saved.becameHot());
            return "redirect:/products/" + id + "/scoring";
        } catch (InvalidModel e) {
            redirect.addFlashAttribute("error", "scoring.problem." + e.problems().get(0).code());
            return "redirect:/products/" + id + "/scoring/calibration";
        }
    }
}
