package jp.nurture.leads.web.admin;

import jakarta.validation.Valid;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.user.AppUser;
import jp.nurture.leads.core.user.Role;
import jp.nurture.leads.core.user.UserDirectory;
import org.springframework.security.crypto.password.PasswordEncoder;
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

/** Admin: users, their roles, the products they are limited to, and whether they may sign in. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

    private static final String FORM_VIEW = "admin/users/form";
    static final int MIN_PASSWORD = 8;

    private final UserDirectory users;
    private final ProductCatalog catalog;
    private final PasswordEncoder passwords;

    UserAdminController(UserDirectory users, ProductCatalog catalog, PasswordEncoder passwords) {
        this.users = users;
        this.catalog = catalog;
        this.passwords = passwords;
    }

    @InitBinder
    void disallowId(WebDataBinder binder) {
        binder.setDisallowedFields("id");
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("products", catalog.visibleTo(ProductScope.all()));
        return "admin/users/list";
    }

    @GetMapping("/new")
    String create(Model model) {
        model.addAttribute("form", UserForm.blank());
        return formView(null, model);
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("form") UserForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (result.getTarget() != null && !form.hasPassword()) {
            result.rejectValue("password", "user.password.required");
        } else {
            checkPassword(form, result);
        }
        if (result.hasErrors()) {
            return formView(null, model);
        }
        try {
            users.create(form.username(), form.displayName(), form.email(), passwords.encode(form.password()),
                    form.roles(), form.productIdsOrNone());
        } catch (UserDirectory.UsernameTaken e) {
            result.rejectValue("username", "user.username.taken");
            return formView(null, model);
        }
        redirect.addFlashAttribute("message", "user.saved");
        return "redirect:/admin/users";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable Long id, Model model) {
        AppUser user = users.get(id);
        model.addAttribute("form", UserForm.of(user));
        return formView(user, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @Valid @ModelAttribute("form") UserForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        AppUser user = users.get(id);
        if (form.hasPassword()) {
            checkPassword(form, result);
        }
        if (result.hasErrors()) {
            return formView(user, model);
        }
        users.update(id, form.displayName(), form.email(), form.hasPassword() ? passwords.encode(form.password()) : null,
                form.roles(), form.productIdsOrNone(), form.mayUse());
        redirect.addFlashAttribute("message", "user.saved");
        return "redirect:/admin/users";
    }

    private static void checkPassword(UserForm form, BindingResult result) {
        if (result.getTarget() != null && form.password().length() < MIN_PASSWORD) {
            result.rejectValue("password", "user.password.short", new Object[] {MIN_PASSWORD}, null);
        }
    }

    private String formView(AppUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("roles", Role.values());
        model.addAttribute("products", catalog.visibleTo(ProductScope.all()));
        return FORM_VIEW;
    }
}
