package jp.nurture.leads.web.system;

import jp.nurture.leads.core.lead.LeadNotFound;
import jp.nurture.leads.core.privacy.PersonNotFound;
import jp.nurture.leads.core.product.ProductNotFound;
import jp.nurture.leads.core.user.UserDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What a person sees for an id they cannot have: "not found", whether it does not exist or belongs to a product
 * outside their scope. Malformed parameters (an id that is not a number) are a 400 with a page, never a 500.
 */
@ControllerAdvice
class NotFoundAdvice {

    @ExceptionHandler({LeadNotFound.class, ProductNotFound.class, UserDirectory.UserNotFound.class,
        PersonNotFound.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        return "error";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(Model model) {
        model.addAttribute("status", HttpStatus.BAD_REQUEST.value());
        return "error";
    }
}
