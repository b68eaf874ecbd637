package jp.nurture.leads.web.form;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.nurture.leads.core.form.FieldSpec;
import jp.nurture.leads.core.form.FormSubmissions;
import jp.nurture.leads.core.form.Forms;
import jp.nurture.leads.core.form.InvalidForm;
import jp.nurture.leads.core.form.LeadForm;
import jp.nurture.leads.core.form.SubmissionLimit;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.web.tracking.VisitorCookies;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The pages visitors fill in: hosted at /f/{key}, and at /f/{key}/embed for an iframe on the company's own site.
 * Only the form's own fields are read from a post (extra parameters such as an owner or a score are ignored), a
 * bad post comes back with field errors in the form's language and everything typed, and a filled honeypot gets
 * the thank-you page without anything being stored.
 */
@Controller
class PublicFormController {

    static final String VIEW = "forms/public";
    /** A field people never see (positioned off screen) but form-filling robots do. */
    static final String HONEYPOT = "website";
    /** Asks for the page in the form's other language; not "lang", which would switch the app's own cookie. */
    static final String LANGUAGE = "language";
    /** Bodies larger than this are refused unread: no form here needs more. */
    static final long MAX_BODY = 64 * 1024;

    private final Forms forms;
    private final FormSubmissions submissions;
    private final SubmissionLimit limit;
    private final MessageSource messages;

    PublicFormController(Forms forms, FormSubmissions submissions, SubmissionLimit limit, MessageSource messages) {
        this.forms = forms;
        this.submissions = submissions;
        this.limit = limit;
        this.messages = messages;
    }

    @GetMapping({"/f/{key}", "/f/{key}/embed"})
    String show(@PathVariable String key, @RequestParam(name = LANGUAGE, required = false) String lang,
            @RequestParam(name = "v", required = false) String visitorParam,
            @RequestParam(name = VisitorCookies.VISITOR, required = false) String handedByTrackedLink,
            @CookieValue(name = VisitorCookies.VISITOR, required = false) String visitorCookie,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        LeadForm form = forms.byKey(key).orElse(null);
        boolean embed = request.getRequestURI().endsWith("/embed");
        frame(response, embed);
        if (form == null) {
            return notFound(response, model);
        }
        Locale locale = pageLocale(form, lang, request);
        // A tracked link whose destination is this page hands the visitor over as ?_nv=, like it does to a site.
        UUID visitor = visitor(visitorCookie, visitorParam != null ? visitorParam : handedByTrackedLink);
        page(model, form, locale, embed, visitor, Map.of(), Map.of(), Set.of());
        return VIEW;
    }

    @PostMapping({"/f/{key}", "/f/{key}/embed"})
    String submit(@PathVariable String key, @RequestParam MultiValueMap<String, String> params,
            @CookieValue(name = VisitorCookies.VISITOR, required = false) String visitorCookie,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        boolean embed = request.getRequestURI().endsWith("/embed");
        frame(response, embed);
        LeadForm form = forms.byKey(key).orElse(null);
        if (form == null) {
            return notFound(response, model);
        }
        Locale locale = pageLocale(form, params.getFirst(LANGUAGE), request);
        // A chunked body carries no length up front: what was parsed is measured too.
        long size = params.entrySet().stream().mapToLong(e -> e.getKey().length()
                + e.getValue().stream().mapToLong(v -> v == null ? 0 : v.length()).sum()).sum();
        if (request.getContentLengthLong() > MAX_BODY || size > MAX_BODY) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            return refused(model, form, locale, embed, "forms.public.tooLarge");
        }
        if (!limit.allow(request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", "600");
            return refused(model, form, locale, embed, "forms.public.tooMany");
        }
        UUID visitor = visitor(visitorCookie, params.getFirst("v"));
        String honeypot = params.getFirst(HONEYPOT);
        if (honeypot != null && !honeypot.isEmpty()) {
            return thanks(model, form, locale, embed);
        }
        Map<String, String> values = new HashMap<>();
        Set<String> hidden = submissions.hiddenFields(form, visitor);
        for (FieldSpec spec : forms.specs(form)) {
            String value = params.getFirst(spec.key());
            if (value != null && !hidden.contains(spec.key())) {
                values.put(spec.key(), value);
            }
        }
        List<Long> ticked = new ArrayList<>();
        for (String id : params.getOrDefault("consent", List.of())) {
            try {
                ticked.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                // not one of the boxes this page offers; ignored like any other unknown input
            }
        }
        try {
            submissions.submit(form, values, ticked, visitor);
        } catch (InvalidForm e) {
            page(model, form, locale, embed, visitor, values, e.errors(), Set.copyOf(ticked));
            return VIEW;
        }
        if (form.redirectUrl() != null) {
            // Checked to be an absolute http(s) address (no template braces) when the form was saved.
            return "redirect:" + form.redirectUrl();
        }
        return thanks(model, form, locale, embed);
    }

    private void page(Model model, LeadForm form, Locale locale, boolean embed, UUID visitor,
            Map<String, String> values, Map<String, String> errors, Set<Long> ticked) {
        Set<String> hidden = submissions.hiddenFields(form, visitor);
        List<FieldView> fields = new ArrayList<>();
        for (FieldSpec spec : forms.specs(form)) {
            if (hidden.contains(spec.key())) {
                continue;
            }
            fields.add(new FieldView(spec.key(), spec.label(locale), spec.input().name(), spec.required(),
                    spec.maxLength(), options(spec, locale), values.get(spec.key()), errors.get(spec.key())));
        }
        model.addAttribute("form", form);
        model.addAttribute("fields", fields);
        model.addAttribute("consentTypes", forms.consentTypes(form).stream()
                .map(t -> new FieldView.Option(String.valueOf(t.id()), t.name(locale))).toList());
        model.addAttribute("ticked", ticked.stream().map(String::valueOf).toList());
        model.addAttribute("formError", errors.get("form"));
        model.addAttribute("hasErrors", !errors.isEmpty());
        model.addAttribute("embed", embed);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("visitor", visitor == null ? null : visitor.toString());
    }

    private List<FieldView.Option> options(FieldSpec spec, Locale locale) {
        if (!spec.translatedOptions()) {
            return spec.options().stream().map(o -> new FieldView.Option(o, o)).toList();
        }
        boolean japanese = !"en".equals(locale.getLanguage());
        return spec.options().stream().map(o -> new FieldView.Option(o, switch (spec.key()) {
            case "prefecture" -> japanese ? Prefecture.valueOf(o).japaneseName() : o.charAt(0) + o.substring(1)
                    .toLowerCase(Locale.ROOT);
            default -> messages.getMessage(spec.key() + "." + o, null, o, locale);
        })).toList();
    }

    private String thanks(Model model, LeadForm form, Locale locale, boolean embed) {
        model.addAttribute("form", form);
        model.addAttribute("thanks", form.thankYou(locale));
        model.addAttribute("embed", embed);
        return VIEW;
    }

    private String refused(Model model, LeadForm form, Locale locale, boolean embed, String message) {
        model.addAttribute("form", form);
        model.addAttribute("refused", message);
        model.addAttribute("embed", embed);
        return VIEW;
    }

    private static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        return "error";
    }

    /**
     * The embed page may sit in any site's iframe; the hosted page in none (no clickjacking of the form). The
     * Content-Security-Policy saying so is set for every /f/ page by the application's security headers.
     */
    private static void frame(HttpServletResponse response, boolean embed) {
        if (!embed) {
            response.setHeader("X-Frame-Options", "DENY");
        }
    }

    /**
     * The form's language unless the address asks for the other one; set for this request only, so a marketer
     * previewing an English form keeps their own language in the app.
     */
    private static Locale pageLocale(LeadForm form, String lang, HttpServletRequest request) {
        Locale locale = "ja".equals(lang) || "en".equals(lang) ? Locale.forLanguageTag(lang) : form.locale();
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
        return locale;
    }

    private static UUID visitor(String cookie, String param) {
        // A damaged id identifies no one.
        UUID fromCookie = VisitorCookies.visitorId(cookie);
        return fromCookie != null ? fromCookie : VisitorCookies.visitorId(param);
    }
}
