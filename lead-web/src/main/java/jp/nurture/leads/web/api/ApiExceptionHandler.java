package jp.nurture.leads.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.capture.LeadCapture;
import jp.nurture.leads.core.lead.LeadNotFound;
import jp.nurture.leads.core.product.ProductNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as a problem detail in the caller's language. Runs before the pages' advice, which would
 * answer with an HTML error page.
 */
@RestControllerAdvice(assignableTypes = LeadApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Import field keys as the API's JSON paths. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("email", "person.email"), Map.entry("external_id", "person.externalId"),
            Map.entry("full_name", "person.fullName"), Map.entry("last_name", "person.lastName"),
            Map.entry("first_name", "person.firstName"), Map.entry("kana", "person.kana"),
            Map.entry("phone", "person.phone"), Map.entry("department", "person.department"),
            Map.entry("job_title", "person.jobTitle"), Map.entry("company", "company.name"),
            Map.entry("prefecture", "company.prefecture"), Map.entry("industry", "company.industry"),
            Map.entry("source_detail", "lead.sourceDetail"),
            Map.entry("planned_adoption_date", "lead.plannedAdoptionDate"),
            Map.entry("expected_users", "lead.expectedUsers"));

    private final ApiProblems problems;

    ApiExceptionHandler(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> problem(ApiProblem problem, HttpServletRequest request) {
        return respond(problems.of(problem, LocaleContextHolder.getLocale(), request.getRequestURI()));
    }

    @ExceptionHandler({LeadNotFound.class, ProductNotFound.class})
    ResponseEntity<Object> notFound(RuntimeException e, HttpServletRequest request) {
        return problem(new ApiProblem(HttpStatus.NOT_FOUND, "notFound"), request);
    }

    @ExceptionHandler(LeadCapture.InvalidCapture.class)
    ResponseEntity<Object> invalidLead(LeadCapture.InvalidCapture e, HttpServletRequest request) {
        String field = e.field() == null ? "person"
                : e.field().startsWith("custom:") ? "lead.custom." + e.field().substring("custom:".length())
                : PATHS.getOrDefault(e.field(), e.field());
        return problem(ApiProblem.invalid(field, e.reason(), e.value() == null ? "" : e.value()), request);
    }

    @ExceptionHandler(LeadCapture.CaptureConflict.class)
    ResponseEntity<Object> concurrent(LeadCapture.CaptureConflict e, HttpServletRequest request) {
        return problem(new ApiProblem(HttpStatus.CONFLICT, "concurrent"), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("API request {} failed", request.getRequestURI(), e);
        return problem(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal"), request);
    }

    /** Spring MVC's own refusals (wrong method, media type, a path id that is not a number…), localised. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String uri = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
        ApiProblem problem = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? new ApiProblem(HttpStatus.BAD_REQUEST, "parameter",
                        List.of(new ApiProblem.FieldProblem(mismatch.getName(), "type")), mismatch.getName())
                : new ApiProblem(HttpStatus.valueOf(status.value()), "http" + status.value());
        ProblemDetail detail = problems.of(problem, LocaleContextHolder.getLocale(), uri);
        return ResponseEntity.status(status).headers(headers).contentType(ApiProblems.PROBLEM_JSON).body(detail);
    }

    private static ResponseEntity<Object> respond(ProblemDetail detail) {
        return ResponseEntity.status(detail.getStatus()).contentType(ApiProblems.PROBLEM_JSON).body(detail);
    }
}
