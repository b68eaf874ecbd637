package jp.nurture.leads.web.tracking;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import jp.nurture.leads.core.tracking.PageViews;
import jp.nurture.leads.core.tracking.TrackedLinks;
import jp.nurture.leads.core.tracking.TrackedLinks.ExpiredTrackedLink;
import jp.nurture.leads.core.tracking.TrackedLinks.InvalidTrackedLink;
import jp.nurture.leads.core.tracking.TrackedLinks.TrackedClick;
import jp.nurture.leads.core.tracking.UserAgents;
import jp.nurture.leads.core.tracking.VisitorIdentity;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What visitors' browsers call, without signing in: the tag's page views, tracked link clicks and the opt-out.
 * Do-Not-Track, Sec-GPC and the opt-out cookie are honoured (the view is answered but not counted), robots are
 * not counted, a full buffer answers 429, and a damaged link gets a plain error page — never a 500.
 */
@Controller
@RequestMapping("/t")
class TrackingEndpoints {

    private final PageViews pageViews;
    private final TrackedLinks links;
    private final VisitorIdentity identity;

    TrackingEndpoints(PageViews pageViews, TrackedLinks links, VisitorIdentity identity) {
        this.pageViews = pageViews;
        this.links = links;
        this.identity = identity;
    }

    /** A page view from the tag (form-encoded: v visitor, p product, u url, t title, r referrer). */
    @PostMapping("/hit")
    ResponseEntity<Void> hit(@RequestParam(name = "v", required = false) String visitor,
            @RequestParam(name = "p", required = false) String product,
            @RequestParam(name = "u", required = false) String url,
            @RequestParam(name = "t", required = false) String title,
            @RequestParam(name = "r", required = false) String referrer,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent,
            HttpServletRequest request) {
        if (VisitorCookies.doNotTrack(request) || UserAgents.isRobot(userAgent)) {
            return ResponseEntity.noContent().build();
        }
        UUID visitorId = VisitorCookies.visitorId(visitor);
        Long productId = id(product);
        if (visitorId == null || productId == null || url == null || url.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        return switch (pageViews.record(visitorId, productId, url, title, referrer)) {
            case ACCEPTED -> ResponseEntity.noContent().build();
            case BUSY -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "1")
                    .build();
            case UNKNOWN_SITE -> ResponseEntity.badRequest().build();
        };
    }

    /** Does nothing: the reference the ingest benchmark measures the hit endpoint against. */
    @GetMapping("/noop")
    ResponseEntity<Void> noop() {
        return ResponseEntity.noContent().build();
    }

    /**
     * A tracked link click: identifies this browser as the link's lead, then lands on the link's destination with
     * the visitor id for the tag. The destination is only ever the one inside the signed token.
     */
    @GetMapping("/c/{token}")
    String click(@PathVariable String token,
            @CookieValue(name = VisitorCookies.VISITOR, required = false) String visitorCookie,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent,
            HttpServletRequest request, HttpServletResponse response) {
        TrackedClick click;
        try {
            click = links.verify(token);
        } catch (ExpiredTrackedLink expired) {
            // An old mail's link still takes the reader to the page, but no longer ties this browser to the lead.
            return "redirect:" + expired.destination().toASCIIString();
        }
        // Mail scanners open links too, and a person who asked not to be tracked is not identified.
        if (VisitorCookies.doNotTrack(request) || UserAgents.isRobot(userAgent)) {
            return "redirect:" + click.destination().toASCIIString();
        }
        UUID visitorId = VisitorCookies.visitorId(visitorCookie);
        if (visitorId == null) {
            visitorId = UUID.randomUUID();
        }
        try {
            identity.identify(visitorId, click.leadId());
        } catch (DataIntegrityViolationException e) {
            // The lead of an old link no longer exists.
            throw new InvalidTrackedLink();
        }
        return "redirect:" + VisitorCookies.land(click.destination(), visitorId, request, response);
    }

    /** The visitor's opt-out: no page view of this browser is counted any more. */
    @GetMapping("/opt-out")
    String optOut(HttpServletRequest request, HttpServletResponse response) {
        VisitorCookies.optOut(request, response);
        return "tracking/opted-out";
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(InvalidTrackedLink.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalidLink() {
        return "tracking/invalid-link";
    }

    private static Long id(String text) {
        if (text == null || !text.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(text);
    }
}
