package jp.nurture.leads.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an API request body: at most {@link #MAX_BYTES}, parsed strictly (an unknown field is an error, not
 * silently dropped), then validated. Every failure is a problem naming the JSON path at fault, never a 500. The raw
 * bytes are kept so an idempotency key can tell "the same request" from "another request".
 */
@Component
class RequestBodies {

    static final int MAX_BYTES = 64 * 1024;

    private final JsonMapper strict;
    private final Validator validator;

    RequestBodies(JsonMapper json, Validator validator) {
        this.strict = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
        this.validator = validator;
    }

    byte[] read(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "emptyBody");
        }
        T value;
        try {
            value = strict.readValue(body, type);
        } catch (StreamReadException malformed) {
            var at = malformed.getLocation();
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed", at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr());
        } catch (UnrecognizedPropertyException unknown) {
            throw ApiProblem.invalid(path(unknown), "unknown");
        } catch (DatabindException wrongType) {
            throw ApiProblem.invalid(path(wrongType), "type");
        }
        if (value == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "emptyBody");
        }
        List<ConstraintViolation<T>> violations = validator.validate(value).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations.stream().map(RequestBodies::field).toList());
        }
        return value;
    }

    private static ApiProblem.FieldProblem field(ConstraintViolation<?> violation) {
        Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new ApiProblem.FieldProblem(violation.getPropertyPath().toString(), constraint,
                attributes.getOrDefault("min", ""), attributes.getOrDefault("max", ""));
    }

    /** {@code person.email}, {@code lead.custom.budget}, {@code items[2].type}; {@code $} for the body itself. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.valueOf(413), "tooLarge", MAX_BYTES / 1024);
    }
}
