package jp.nurture.leads.web.tracking;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The browser side of web tracking, shared by every public endpoint that identifies a visitor (tracked links of
 * pages and of e-mails): the visitor cookie the tag reads, the opt-out cookie, and whether the browser asked not
 * to be tracked (Do-Not-Track, Sec-GPC or our opt-out).
 */
public final class VisitorCookies {

    /** The tag's visitor id: cookie name, and the query parameter a landing page gets it in. */
    public static final String VISITOR = "_nv";
    static final String OPT_OUT = "_nv_optout";
    private static final Duration VISITOR_KEPT = Duration.ofDays(730);
    private static final Duration OPT_OUT_KEPT = Duration.ofDays(3650);

    private VisitorCookies() {
    }

    /** Whether this browser asked not to be tracked: DNT or Sec-GPC set, or our opt-out cookie present. */
    public static boolean doNotTrack(HttpServletRequest request) {
        if ("1".equals(request.getHeader("DNT")) || "1".equals(request.getHeader("Sec-GPC"))) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (OPT_OUT.equals(cookie.getName()) && "1".equals(cookie.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The visitor id in a cookie or parameter, or null when it is missing or not a UUID. */
    public static UUID visitorId(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Keeps the visitor id in this browser and returns the destination with it as a parameter, so the tag on a
     * page of another host can pick it up.
     */
    public static String land(URI destination, UUID visitorId, HttpServletRequest request,
            HttpServletResponse response) {
        response.addCookie(cookie(VISITOR, visitorId.toString(), VISITOR_KEPT, request));
        return UriComponentsBuilder.fromUri(destination).replaceQueryParam(VISITOR, visitorId.toString()).build(true)
                .toUriString();
    }

    /** Sets the opt-out and forgets the visitor id. */
    static void optOut(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookie(OPT_OUT, "1", OPT_OUT_KEPT, request));
        Cookie forget = new Cookie(VISITOR, "");
        forget.setPath("/");
        forget.setMaxAge(0);
        response.addCookie(forget);
    }

    private static Cookie cookie(String name, String value, Duration kept, HttpServletRequest request) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath("/");
        cookie.setMaxAge((int) kept.toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        cookie.setSecure(request.isSecure());
        return cookie;
    }
}
