package jp.nurture.leads.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditEntry;
import jp.nurture.leads.core.audit.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin: the audit log, filtered by action, subject and dates (kept in the URL), newest first, and as CSV. */
@Controller
@RequestMapping("/admin/audit")
class AuditController {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int PAGE = 50;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    String list(@RequestParam(required = false) String action, @RequestParam(required = false) String subjectType,
            @RequestParam(required = false) String subjectId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long before, Model model) {
        AuditFilterForm form = new AuditFilterForm(action, subjectType, subjectId, from, to);
        model.addAttribute("filter", form);
        model.addAttribute("actions", AuditAction.values());
        AuditLog.Filter filter = form.toFilter();
        if (filter == null) {
            model.addAttribute("error", "audit.error.filter");
            model.addAttribute("entries", List.of());
            return "admin/audit";
        }
        List<AuditEntry> entries = audit.find(filter, before, PAGE + 1);
        model.addAttribute("entries", entries.size() > PAGE ? entries.subList(0, PAGE) : entries);
        model.addAttribute("next", entries.size() > PAGE ? entries.get(PAGE - 1).id() : null);
        return "admin/audit";
    }

    @GetMapping("/export")
    void export(@RequestParam(required = false) String action, @RequestParam(required = false) String subjectType,
            @RequestParam(required = false) String subjectId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        AuditLog.Filter filter = new AuditFilterForm(action, subjectType, subjectId, from, to).toFilter();
        if (filter == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        response.getOutputStream().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        audit.export(filter, writer);
        writer.flush();
    }

    /** The filter as typed; {@link #toFilter()} is null when a value cannot be read. */
    record AuditFilterForm(String action, String subjectType, String subjectId, String from, String to) {

        AuditLog.Filter toFilter() {
            try {
                AuditAction a = blank(action) ? null : AuditAction.valueOf(action.strip());
                String type = blank(subjectType) ? null : subjectType.strip();
                if (type != null && !type.matches("[A-Z_]{1,30}")) {
                    return null;
                }
                Long id = blank(subjectId) ? null : Long.valueOf(subjectId.strip());
                return new AuditLog.Filter(a, type, id,
                        blank(from) ? null : LocalDate.parse(from.strip()).atStartOfDay(JAPAN).toInstant(),
                        blank(to) ? null : LocalDate.parse(to.strip()).plusDays(1).atStartOfDay(JAPAN).toInstant());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return null;
            }
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }
}
