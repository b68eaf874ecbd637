package jp.nurture.leads.web.admin;

import jakarta.validation.Valid;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin: products and their target definitions. */
@Controller
@RequestMapping("/admin/products")
class ProductAdminController {

    private static final String FORM_VIEW = "admin/products/form";

    private final ProductCatalog catalog;
    private final EmailTypes emailTypes;

    ProductAdminController(ProductCatalog catalog, EmailTypes emailTypes) {
        this.catalog = catalog;
        this.emailTypes = emailTypes;
    }

    @InitBinder
    void disallowId(WebDataBinder binder) {
        binder.setDisallowedFields("id");
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("products", catalog.visibleTo(ProductScope.all()));
        return "admin/products/list";
    }

    @GetMapping("/new")
    String create(Model model) {
        model.addAttribute("form", ProductForm.blank());
        return formView(null, model);
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("form") ProductForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return formView(null, model);
        }
        try {
            Product created = catalog.create(form.code(), form.name(), form.target());
            emailTypes.addStarterTypes(created.getId());
        } catch (ProductCatalog.DuplicateProductCode e) {
            result.rejectValue("code", "product.code.taken");
            return formView(null, model);
        }
        redirect.addFlashAttribute("message", "product.saved");
        return "redirect:/admin/products";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable Long id, Model model) {
        Product product = catalog.get(id, ProductScope.all());
        model.addAttribute("form", ProductForm.of(product));
        return formView(product, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @Valid @ModelAttribute("form") ProductForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        Product product = catalog.get(id, ProductScope.all());
        if (result.hasErrors()) {
            return formView(product, model);
        }
        try {
            catalog.update(id, form.code(), form.name(), form.isActive(), form.target());
        } catch (ProductCatalog.DuplicateProductCode e) {
            result.rejectValue("code", "product.code.taken");
            return formView(product, model);
        }
        redirect.addFlashAttribute("message", "product.saved");
        return "redirect:/admin/products";
    }

    private String formView(Product product, Model model) {
        model.addAttribute("product", product);
        model.addAttribute("industries", Industry.values());
        model.addAttribute("revenueBands", RevenueBand.values());
        model.addAttribute("employeeBands", EmployeeBand.values());
        model.addAttribute("prefectures", Prefecture.values());
        model.addAttribute("titleLevels", TitleLevel.values());
        return FORM_VIEW;
    }
}
