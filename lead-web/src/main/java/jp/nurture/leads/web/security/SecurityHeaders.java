package jp.nurture.leads.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Content-Security-Policy and Referrer-Policy of every answer. Pages run only the application's own script
 * files (no inline script, so an HTML fragment that slips into a page cannot run), may not be framed, and post
 * forms only back to the application. Two kinds of page differ on purpose: a public form may send its visitor on
 * to the thank-you address the marketer chose, and its embed page may be framed by the customer's own site; the API's
 * documentation page is the library's own and keeps its own rules.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SecurityHeaders extends OncePerRequestFilter {

    static final String APP_PAGES = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final String PUBLIC_FORM = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; frame-ancestors ";

    /** A public form's embed page: any site may frame it. */
    static final String EMBEDDED_FORM = PUBLIC_FORM + "*";

    /** A public form's hosted page: framed by nobody. */
    static final String HOSTED_FORM = PUBLIC_FORM + "'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/swagger-ui") && !path.startsWith("/v3/api-docs")) {
            response.setHeader("Content-Security-Policy", !path.startsWith("/f/") ? APP_PAGES
                    : path.endsWith("/embed") ? EMBEDDED_FORM : HOSTED_FORM);
        }
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        chain.doFilter(request, response);
    }
}
