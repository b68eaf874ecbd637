package jp.nurture.leads.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.nurture.leads.core.party.JapaneseText;
import jp.nurture.leads.core.privacy.PersonNotFound;
import jp.nurture.leads.core.privacy.PersonalData;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin: a person's data on request (APPI) — find by address, download everything as JSON, erase after typing the
 * address again.
 */
@Controller
@RequestMapping("/admin/privacy")
class PrivacyController {

    private static final String VIEW = "admin/privacy";

    private final PersonalData personalData;
    private final JsonMapper json;

    PrivacyController(PersonalData personalData, JsonMapper json) {
        this.personalData = personalData;
        this.json = json;
    }

    @GetMapping
    String find(@RequestParam(required = false) String email, Model model) {
        model.addAttribute("email", email == null ? "" : email);
        if (email != null && !email.isBlank()) {
            try {
                model.addAttribute("person", personalData.find(email));
            } catch (PersonNotFound e) {
                model.addAttribute("error", "privacy.notFound");
            }
        }
        return VIEW;
    }

    @GetMapping("/{person}/export")
    void export(@PathVariable long person, HttpServletResponse response) throws IOException {
        var document = personalData.export(person);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"person-" + person + ".json\"");
        json.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), document);
    }

    @PostMapping("/{person}/erase")
    String erase(@PathVariable long person, @RequestParam(required = false) String confirmEmail,
            RedirectAttributes redirect) {
        String typed = JapaneseText.email(confirmEmail);
        String held = personalData.emailOf(person);
        if (typed == null || !typed.equals(held)) {
            redirect.addFlashAttribute("error", "privacy.confirmMismatch");
            return "redirect:/admin/privacy?email=" + (held == null ? "" : java.net.URLEncoder.encode(held,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        var erasure = personalData.erase(person);
        redirect.addFlashAttribute("message", "privacy.erased");
        redirect.addFlashAttribute("removed", erasure.removed());
        return "redirect:/admin/privacy";
    }
}
