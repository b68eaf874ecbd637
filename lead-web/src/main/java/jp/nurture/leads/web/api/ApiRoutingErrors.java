package jp.nurture.leads.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for API requests that reach no API handler — an unknown address, a wrong method, a body that is
 * not JSON. Spring MVC raises these before a controller is chosen, so the API's controller advice never sees them
 * and the caller would get the pages' error answer instead.
 */
@Component
class ApiRoutingErrors implements HandlerExceptionResolver, Ordered {

    private final ApiProblems problems;

    ApiRoutingErrors(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!ApiLocale.isApi(request)
                || handler instanceof HandlerMethod method && method.getBeanType() == LeadApiController.class) {
            return null;
        }
        HttpStatus status;
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (ex instanceof HttpRequestMethodNotSupportedException unsupported) {
            status = HttpStatus.METHOD_NOT_ALLOWED;
            if (unsupported.getSupportedMethods() != null) {
                response.setHeader("Allow", String.join(", ", unsupported.getSupportedMethods()));
            }
        } else if (ex instanceof HttpMediaTypeNotSupportedException) {
            status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
            status = HttpStatus.NOT_ACCEPTABLE;
        } else {
            return null;
        }
        try {
            problems.write(request, response, status, "http" + status.value());
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
