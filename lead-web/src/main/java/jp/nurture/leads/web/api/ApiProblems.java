package jp.nurture.leads.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details in the caller's language: a title per status, a detail per cause and, for
 * invalid input, {@code errors} with the JSON path of each field at fault.
 */
@Component
class ApiProblems {

    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final MessageSource messages;
    private final JsonMapper json;

    ApiProblems(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    ProblemDetail of(ApiProblem problem, Locale locale, String instance) {
        ProblemDetail detail = of(problem.status, problem.code, locale, instance, problem.args);
        if (!problem.fields.isEmpty()) {
            List<Map<String, String>> errors = problem.fields.stream()
                    .map(f -> Map.of("field", f.field(), "code", f.code(),
                            "message", text("api.field." + f.code(), locale, f.args())))
                    .toList();
            detail.setProperty("errors", errors);
        }
        return detail;
    }

    ProblemDetail of(HttpStatusCode status, String code, Locale locale, String instance, Object... args) {
        ProblemDetail detail = ProblemDetail.forStatus(status);
        detail.setTitle(text("api.status." + status.value(), locale));
        detail.setDetail(text("api.error." + code, locale, args));
        detail.setProperty("code", code);
        if (instance != null) {
            detail.setInstance(URI.create(instance));
        }
        return detail;
    }

    /** Writes a problem outside Spring MVC (the security filters: missing or invalid key). */
    void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code)
            throws IOException {
        ProblemDetail detail = of(status, code, ApiLocale.of(request), request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(flat(detail)));
    }

    /** The problem as RFC 9457 lays it out: extension members beside the standard ones, not nested. */
    static Map<String, Object> flat(ProblemDetail detail) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", detail.getType() == null ? "about:blank" : detail.getType().toString());
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        if (detail.getInstance() != null) {
            body.put("instance", detail.getInstance().toString());
        }
        if (detail.getProperties() != null) {
            body.putAll(detail.getProperties());
        }
        return body;
    }

    private String text(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }
}
