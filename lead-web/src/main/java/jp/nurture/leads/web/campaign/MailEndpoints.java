package jp.nurture.leads.web.campaign;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.nurture.leads.core.campaign.EmailResponses;
import jp.nurture.leads.core.tracking.TrackedLinks.InvalidTrackedLink;
import jp.nurture.leads.core.tracking.UserAgents;
import jp.nurture.leads.core.tracking.VisitorIdentity;
import jp.nurture.leads.web.tracking.VisitorCookies;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What an email's recipient reaches without signing in, each through a signed personal link: the tracked click
 * (identifies the browser, then lands on the signed destination), the open pixel, the unsubscribe link (a GET
 * only shows what would stop; the POST — also the RFC 8058 one-click POST mail clients send, without cookies or
 * CSRF token — stops it) and the preference page. A damaged or altered link gets a plain page, never a 500.
 */
@Controller
@RequestMapping("/m")
class MailEndpoints {

    private static final byte[] PIXEL = java.util.Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final EmailResponses responses;
    private final VisitorIdentity identity;

    MailEndpoints(EmailResponses responses, VisitorIdentity identity) {
        this.responses = responses;
        this.identity = identity;
    }

    @GetMapping("/c/{token}")
    String click(@PathVariable String token,
            @CookieValue(name = VisitorCookies.VISITOR, required = false) String visitor,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent,
            HttpServletRequest request, HttpServletResponse response) {
        // Mail scanners follow links too: they land, but count as nothing.
        boolean robot = UserAgents.isRobot(userAgent);
        EmailResponses.Click click = responses.clicked(token, !robot);
        if (robot || VisitorCookies.doNotTrack(request)) {
            return "redirect:" + click.destination().toASCIIString();
        }
        // The tracking tag's visitor cookie: this browser's page views now belong to the lead.
        UUID visitorId = VisitorCookies.visitorId(visitor);
        if (visitorId == null) {
            visitorId = UUID.randomUUID();
        }
        identity.identify(visitorId, click.leadId());
        return "redirect:" + VisitorCookies.land(click.destination(), visitorId, request, response);
    }

    /** The open pixel: always the same image, whatever the token, so a broken one shows no broken image. */
    @GetMapping("/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        try {
            if (!UserAgents.isRobot(userAgent)) {
                responses.opened(token);
            }
        } catch (InvalidTrackedLink e) {
            // nothing to count
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
    }

    @GetMapping("/u/{token}")
    String confirmUnsubscribe(@PathVariable String token, Model model) {
        model.addAttribute("target", responses.unsubscribeTarget(token));
        model.addAttribute("token", token);
        return "campaigns/unsubscribe";
    }

    @PostMapping("/u/{token}")
    String unsubscribe(@PathVariable String token, Model model) {
        model.addAttribute("target", responses.unsubscribe(token));
        model.addAttribute("token", token);
        model.addAttribute("done", true);
        return "campaigns/unsubscribe";
    }

    @GetMapping("/p/{token}")
    String preferences(@PathVariable String token, @RequestParam(required = false) String saved, Model model) {
        model.addAttribute("preferences", responses.preferences(responses.personOf(token)));
        model.addAttribute("token", token);
        model.addAttribute("saved", saved != null);
        return "campaigns/preferences";
    }

    @PostMapping("/p/{token}")
    String savePreferences(@PathVariable String token,
            @RequestParam(name = "type", required = false) List<String> types,
            @RequestParam(name = "nothing", required = false) String nothing) {
        long person = responses.personOf(token);
        Set<Long> receiving = new HashSet<>();
        if (types != null) {
            for (String type : types) {
                if (type.matches("\\d{1,18}")) {
                    receiving.add(Long.parseLong(type));
                }
            }
        }
        responses.savePreferences(person, receiving, nothing != null);
        return "redirect:/m/p/" + token + "?saved";
    }

    @ExceptionHandler(InvalidTrackedLink.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalidLink() {
        return "tracking/invalid-link";
    }
}
