package jp.nurture.leads.web.campaign;

import jp.nurture.leads.core.campaign.CampaignNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A campaign, template, send or program that does not exist or belongs to another product is "not found". */
@ControllerAdvice(basePackageClasses = CampaignAdvice.class)
class CampaignAdvice {

    @ExceptionHandler(CampaignNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        return "error";
    }
}
