package jp.nurture.leads.web.segment;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.capture.CustomFields;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.segment.Condition;
import jp.nurture.leads.core.segment.InvalidSegment;
import jp.nurture.leads.core.segment.Segment;
import jp.nurture.leads.core.segment.SegmentExport;
import jp.nurture.leads.core.segment.SegmentField;
import jp.nurture.leads.core.segment.SegmentNotFound;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.core.tracking.TopicRules;
import jp.nurture.leads.core.user.UserDirectory;
import jp.nurture.leads.web.security.CurrentUser;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Segments for marketers: the list, the builder (htmx re-renders the condition tree on structural changes and
 * the live count as values change), save, freeze and export.
 */
@Controller
@RequestMapping("/segments")
class SegmentController {

    private static final String LIST = "segments/list";
    private static final String BUILDER = "segments/builder";
    private static final int DORMANT_DAYS = 180;

    private final Segments segments;
    private final SegmentExport export;
    private final ProductCatalog catalog;
    private final UserDirectory users;
    private final TopicRules topics;
    private final CustomFields customFields;
    private final EmailTypes emailTypes;

    SegmentController(Segments segments, SegmentExport export, ProductCatalog catalog, UserDirectory users,
            TopicRules topics, CustomFields customFields, EmailTypes emailTypes) {
        this.segments = segments;
        this.export = export;
        this.catalog = catalog;
        this.users = users;
        this.topics = topics;
        this.customFields = customFields;
        this.emailTypes = emailTypes;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("segments", segments.list());
        return LIST;
    }

    @GetMapping("/new")
    String create(@RequestParam(required = false) String preset, @AuthenticationPrincipal CurrentUser user,
            Model model) {
        ConditionNode root = "dormant".equals(preset) ? ConditionNode.of(Segments.dormant(DORMANT_DAYS))
                : ConditionNode.emptyRoot();
        String name = "dormant".equals(preset) ? "dormant" : "";
        return builder(null, name, root, user, model);
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        Segment segment = segments.get(id);
        model.addAttribute("segment", segment);
        return builder(segment, segment.name(), ConditionNode.of(segment.definition()), user, model);
    }

    /** htmx: re-renders the builder after a structural change (add, remove, a different field or window). */
    @PostMapping("/builder")
    String rebuild(@RequestParam MultiValueMap<String, String> params, @AuthenticationPrincipal CurrentUser user,
            Model model) {
        ConditionNode root = ConditionNode.parse(params);
        root.apply(params.getFirst("action"));
        fill(root, user, model);
        return BUILDER + " :: builder";
    }

    /** htmx: the live count of the conditions as they stand. */
    @PostMapping("/count")
    String count(@RequestParam MultiValueMap<String, String> params, @AuthenticationPrincipal CurrentUser user,
            Model model) {
        countInto(ConditionNode.parse(params), user, model);
        return BUILDER + " :: count";
    }

    @PostMapping
    String save(@RequestParam MultiValueMap<String, String> params, @AuthenticationPrincipal CurrentUser user,
            Model model, RedirectAttributes redirect) {
        ConditionNode root = ConditionNode.parse(params);
        String name = params.getFirst("name");
        try {
            long id = segments.create(name, root.toCondition(), user.id());
            redirect.addFlashAttribute("message", "segment.saved");
            return "redirect:/segments/" + id;
        } catch (InvalidSegment e) {
            model.addAttribute("saveError", e);
            return builder(null, name, root, user, model);
        }
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        Segment segment = segments.get(id);
        ConditionNode root = ConditionNode.parse(params);
        String name = params.getFirst("name");
        try {
            segments.update(id, name, root.toCondition());
            redirect.addFlashAttribute("message", "segment.saved");
            return "redirect:/segments/" + id;
        } catch (InvalidSegment e) {
            model.addAttribute("segment", segment);
            model.addAttribute("saveError", e);
            return builder(segment, name, root, user, model);
        }
    }

    @PostMapping("/{id}/freeze")
    String freeze(@PathVariable long id, RedirectAttributes redirect) {
        try {
            segments.freeze(id);
            redirect.addFlashAttribute("message", "segment.frozen");
        } catch (InvalidSegment e) {
            redirect.addFlashAttribute("error", e.messageKey());
        }
        return "redirect:/segments/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        segments.delete(id);
        redirect.addFlashAttribute("message", "segment.deleted");
        return "redirect:/segments";
    }

    /** CSV of the segment's leads: {@code encoding=utf-8} (with BOM, the default) or {@code sjis} (Windows-31J). */
    @GetMapping("/{id}/export")
    void exportCsv(@PathVariable long id, @RequestParam(defaultValue = "utf-8") String encoding,
            @AuthenticationPrincipal CurrentUser user, HttpServletResponse response) throws IOException {
        Charset charset = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "sjis", "shift_jis", "windows-31j" -> SegmentExport.ENCODINGS.get(1);
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            default -> throw new UnsupportedEncoding();
        };
        Segment segment = segments.get(id);
        response.setContentType(new MediaType("text", "csv", charset).toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"segment-" + segment.id() + ".csv\"");
        export.write(id, user.scope(), charset, response.getOutputStream());
    }

    /** The app's own error page, whatever template it is rendered from. */
    @ExceptionHandler(SegmentNotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    @ExceptionHandler(UnsupportedEncoding.class)
    void badEncoding(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.BAD_REQUEST.value());
    }

    private String builder(Segment segment, String name, ConditionNode root, CurrentUser user, Model model) {
        model.addAttribute("name", name);
        fill(root, user, model);
        return BUILDER;
    }

    private void fill(ConditionNode root, CurrentUser user, Model model) {
        model.addAttribute("root", root);
        model.addAttribute("fields", SegmentField.values());
        model.addAttribute("activityTypes", ActivityType.values());
        model.addAttribute("windows", Condition.WindowKind.values());
        model.addAttribute("junctions", Condition.Junction.values());
        model.addAttribute("products", catalog.visibleTo(user.scope()));
        model.addAttribute("owners", users.all());
        model.addAttribute("topics", topics.topics(user.scope()));
        var products = catalog.visibleTo(user.scope());
        model.addAttribute("customKeys", products.stream().flatMap(p -> customFields.of(p.getId()).stream())
                .map(f -> f.key()).distinct().sorted().toList());
        model.addAttribute("emailTypeCodes", products.stream().flatMap(p -> emailTypes.ofProduct(p.getId()).stream())
                .map(t -> t.code()).distinct().toList());
        countInto(root, user, model);
    }

    private void countInto(ConditionNode root, CurrentUser user, Model model) {
        try {
            model.addAttribute("count", segments.count(root.toCondition(), user.scope()));
        } catch (InvalidSegment e) {
            model.addAttribute("countError", e);
        } catch (DataAccessException e) {
            // Cut off by the statement timeout: say so instead of failing the page.
            if (!(e.getMostSpecificCause() instanceof SQLException sql) || !"57014".equals(sql.getSQLState())) {
                throw e;
            }
            model.addAttribute("countError", new InvalidSegment("segment.invalid.slow"));
        }
    }

    private static final class UnsupportedEncoding extends RuntimeException {
    }
}
