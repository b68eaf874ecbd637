package jp.nurture.leads.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;

/**
 * The language of an API response: from {@code Accept-Language} (Japanese or English), Japanese when the header
 * names neither. Pages keep their cookie choice; API clients send no cookie.
 */
public final class ApiLocale {

    private static final List<Locale> SUPPORTED = List.of(Locale.JAPANESE, Locale.ENGLISH);

    private ApiLocale() {
    }

    /** Whether the request is one of the API's (as opposed to a page). */
    public static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/");
    }

    public static Locale of(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.JAPANESE;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return match == null ? Locale.JAPANESE : match;
        } catch (IllegalArgumentException malformed) {
            return Locale.JAPANESE;
        }
    }
}
