package jp.nurture.leads.web.routing;

import jp.nurture.leads.routing.Accounts;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The company page: one picture of the account for account sales and product sales. */
@Controller
class CompanyController {

    private final Accounts accounts;

    CompanyController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/companies/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("account", accounts.picture(id, user.scope()));
        return "routing/company";
    }

    @ExceptionHandler(Accounts.CompanyNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        return "error";
    }
}
