package jp.nurture.leads.web.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal the API answers with a problem detail: its status, the message code of its detail (under
 * {@code api.error.}) with arguments, and the fields at fault.
 */
class ApiProblem extends RuntimeException {

    /** One field at fault: its JSON path (e.g. {@code person.email}), the message code and arguments. */
    record FieldProblem(String field, String code, Object... args) {
    }

    final HttpStatus status;
    final String code;
    final transient Object[] args;
    final transient List<FieldProblem> fields;

    ApiProblem(HttpStatus status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    ApiProblem(HttpStatus status, String code, List<FieldProblem> fields, Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.fields = List.copyOf(fields);
    }

    static ApiProblem invalid(List<FieldProblem> fields) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid", fields);
    }

    static ApiProblem invalid(String field, String code, Object... args) {
        return invalid(List.of(new FieldProblem(field, code, args)));
    }
}
