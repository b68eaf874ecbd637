package jp.nurture.leads.web.capture;

import de.siegmar.fastcsv.writer.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.capture.ImportField;
import jp.nurture.leads.core.capture.ImportJob;
import jp.nurture.leads.core.capture.ImportJobs;
import jp.nurture.leads.core.capture.ImportNotFound;
import jp.nurture.leads.core.capture.ImportPreview;
import jp.nurture.leads.core.capture.ImportRequest;
import jp.nurture.leads.core.capture.MergePolicy;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.web.security.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV imports for marketers: upload, map columns (remembered per source), then a job page whose progress bar
 * htmx refreshes until the job ends; the failed rows download as a CSV with the reason in the reader's language.
 */
@Controller
@RequestMapping("/imports")
class ImportController {

    private static final String LIST_VIEW = "imports/list";

    private final ImportJobs jobs;
    private final ProductCatalog catalog;
    private final MessageSource messages;
    private final EmailTypes emailTypes;

    ImportController(ImportJobs jobs, ProductCatalog catalog, MessageSource messages, EmailTypes emailTypes) {
        this.emailTypes = emailTypes;
        this.jobs = jobs;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("form", ImportForm.empty());
        return listView(user, model);
    }

    private String listView(CurrentUser user, Model model) {
        model.addAttribute("jobs", jobs.recent(user.scope(), 20));
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("activityTypes", List.of(ActivityType.EXHIBITION_ATTENDED, ActivityType.SEMINAR_ATTENDED,
                ActivityType.FORM_SUBMITTED, ActivityType.DOCUMENT_DOWNLOADED, ActivityType.WON, ActivityType.LOST));
        model.addAttribute("policies", MergePolicy.values());
        return LIST_VIEW;
    }

    @PostMapping
    String upload(@Valid @ModelAttribute("form") ImportForm form, BindingResult result,
            @RequestParam(name = "file", required = false) MultipartFile file, @AuthenticationPrincipal CurrentUser user,
            Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            result.reject("import.file.required");
        }
        if (form.product() != null && !user.scope().allows(form.product())) {
            result.rejectValue("product", "import.product.unknown");
        }
        if (result.hasErrors()) {
            return listView(user, model);
        }
        Charset charset = form.charset() == null || form.charset().isBlank() ? null : Charset.forName(form.charset());
        ImportJob job;
        try (InputStream in = file.getInputStream()) {
            job = jobs.upload(new ImportRequest(form.product(), form.sourceName(), file.getOriginalFilename(), charset,
                    form.channel(), blankToNull(form.sourceDetail()), form.activityType(), form.eventDate(),
                    form.mergePolicy(), user.id()), in, user.scope());
        }
        return "redirect:/imports/" + job.id() + "/mapping";
    }

    @GetMapping("/{id}/mapping")
    String mapping(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        ImportJob job = jobs.get(id, user.scope());
        if (job.status() != jp.nurture.leads.core.capture.ImportStatus.UPLOADED) {
            return "redirect:/imports/" + id;
        }
        ImportPreview preview = jobs.preview(id, user.scope());
        model.addAttribute("preview", preview);
        model.addAttribute("fields", ImportField.values());
        model.addAttribute("emailTypes", emailTypes.ofProduct(preview.job().productId()));
        model.addAttribute("businessCard", List.of());
        return "imports/mapping";
    }

    @PostMapping("/{id}/mapping")
    String start(@PathVariable long id, @RequestParam Map<String, String> params,
            @RequestParam(name = "businessCard", required = false) List<Long> businessCard,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        List<Long> consentTypes = businessCard == null ? List.of() : businessCard;
        ImportPreview preview = jobs.preview(id, user.scope());
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < preview.header().size(); i++) {
            mapping.put(preview.header().get(i), params.getOrDefault("column" + i, ""));
        }
        try {
            jobs.start(id, mapping, consentTypes, user.scope());
        } catch (ImportJobs.InvalidMapping e) {
            model.addAttribute("preview", new ImportPreview(preview.job(), preview.charset(), preview.separator(),
                    preview.header(), preview.rows(), mapping, preview.customFields()));
            model.addAttribute("fields", ImportField.values());
            model.addAttribute("emailTypes", emailTypes.ofProduct(preview.job().productId()));
            model.addAttribute("businessCard", consentTypes);
            model.addAttribute("error", "import.mapping.identity");
            return "imports/mapping";
        }
        redirect.addFlashAttribute("message", "import.started");
        return "redirect:/imports/" + id;
    }

    @GetMapping("/{id}")
    String job(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("job", jobs.get(id, user.scope()));
        model.addAttribute("businessCardTypes", jobs.businessCardEmailTypes(id, user.scope()));
        return "imports/job";
    }

    /** The progress region alone, for htmx polling. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("job", jobs.get(id, user.scope()));
        return "imports/job :: progress";
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        jobs.resume(id, user.scope());
        redirect.addFlashAttribute("message", "import.resumed");
        return "redirect:/imports/" + id;
    }

    /** The failed rows as a CSV Excel opens correctly (UTF-8 with BOM): line, reason, the row as it was. */
    @GetMapping("/{id}/errors.csv")
    void errors(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Locale locale,
            HttpServletResponse response) throws IOException {
        jobs.get(id, user.scope());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        CsvWriter csv = CsvWriter.builder().build(out);
        csv.writeRecord(messages.getMessage("import.errors.line", null, locale),
                messages.getMessage("import.errors.reason", null, locale),
                messages.getMessage("import.errors.row", null, locale));
        jobs.errors(id, user.scope(), e -> csv.writeRecord(e.lineNo() < 0 ? "" : String.valueOf(e.lineNo()),
                messages.getMessage("import.error." + e.reason(), new Object[] {e.detail() == null ? "" : e.detail()},
                        e.reason(), locale),
                e.raw() == null ? "" : e.raw()));
        csv.flush();
        out.flush();
    }

    @ExceptionHandler(ImportNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        return "error";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
