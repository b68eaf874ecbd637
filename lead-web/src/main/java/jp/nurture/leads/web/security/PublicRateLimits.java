package jp.nurture.leads.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-address rate limits on what anyone on the internet can call: sign-in attempts (per address and user name,
 * against password guessing), the tag's page views, tracked link clicks, the tracking opt-out, public forms and
 * the e-mail preference and unsubscribe pages. Over the limit the answer is 429 with Retry-After; nothing is
 * recorded. The buckets live in this instance's memory (bounded, forgotten after ten idle minutes): behind a
 * load balancer each instance allows its share, which is enough to stop one address flooding the database.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
@EnableConfigurationProperties(PublicRateLimits.Limits.class)
class PublicRateLimits extends OncePerRequestFilter {

    private final Limits limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();

    PublicRateLimits(Limits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Kind kind = limits.enabled() ? Kind.of(request) : null;
        if (kind == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = kind + "|" + request.getRemoteAddr()
                + (kind == Kind.SIGN_IN ? "|" + String.valueOf(request.getParameter("username")).strip() : "");
        int perMinute = limits.perMinute(kind);
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
        if (kind == Kind.PAGE_VIEW) {
            // The tag ignores the body; a page view over the limit is simply not counted.
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        } else {
            response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
        }
    }

    /** Which limit a request counts against, or none. */
    enum Kind {
        SIGN_IN, PAGE_VIEW, PUBLIC_PAGE;

        static Kind of(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            boolean post = "POST".equals(request.getMethod());
            if (post && path.equals("/login")) {
                return SIGN_IN;
            }
            if (path.equals("/t/hit")) {
                return PAGE_VIEW;
            }
            if (path.startsWith("/t/c/") || path.equals("/t/opt-out") || path.startsWith("/m/")
                    || (post && path.startsWith("/f/"))) {
                return PUBLIC_PAGE;
            }
            return null;
        }
    }

    /**
     * {@code leads.rate-limit.*}: requests per minute and address for each kind of public request.
     *
     * @param enabled off only for load tests that send everything from one address
     */
    @ConfigurationProperties("leads.rate-limit")
    record Limits(Boolean enabled, Integer signInPerMinute, Integer pageViewsPerMinute,
            Integer publicPagesPerMinute) {

        Limits {
            enabled = enabled == null || enabled;
            signInPerMinute = signInPerMinute == null ? 20 : signInPerMinute;
            pageViewsPerMinute = pageViewsPerMinute == null ? 6_000 : pageViewsPerMinute;
            publicPagesPerMinute = publicPagesPerMinute == null ? 120 : publicPagesPerMinute;
        }

        int perMinute(Kind kind) {
            return switch (kind) {
                case SIGN_IN -> signInPerMinute;
                case PAGE_VIEW -> pageViewsPerMinute;
                case PUBLIC_PAGE -> publicPagesPerMinute;
            };
        }
    }
}
