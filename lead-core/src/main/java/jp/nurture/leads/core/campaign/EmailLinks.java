package jp.nurture.leads.core.campaign;

import java.net.URI;
import jp.nurture.leads.core.tracking.TrackedLinks;
import jp.nurture.leads.core.tracking.TrackedLinks.InvalidTrackedLink;
import org.springframework.stereotype.Component;

/**
 * The personal links in a message, signed with the tracking key: a click (message and destination), the open
 * pixel, the one-click unsubscribe (message, hence the product × email type) and the preference page (person).
 * Each kind is sealed for its own purpose, so a token of one kind is refused by the others.
 */
@Component
public class EmailLinks {

    static final String CLICK = "email-click";
    static final String OPEN = "email-open";
    static final String UNSUBSCRIBE = "email-unsubscribe";
    static final String PREFERENCES = "email-preferences";

    private final TrackedLinks signer;
    private final String base;

    EmailLinks(TrackedLinks signer, EmailProperties properties) {
        this.signer = signer;
        this.base = properties.baseUrl();
    }

    MailMerge.Links forMessage(long outboxId, long personId) {
        return new MailMerge.Links() {
            @Override
            public String click(String destination) {
                return base + "/m/c/" + signer.seal(CLICK, outboxId + "|" + destination);
            }

            @Override
            public String openPixel() {
                return base + "/m/o/" + signer.seal(OPEN, Long.toString(outboxId));
            }

            @Override
            public String unsubscribe() {
                return base + "/m/u/" + signer.seal(UNSUBSCRIBE, Long.toString(outboxId));
            }

            @Override
            public String preferences() {
                return preferencesUrl(personId);
            }
        };
    }

    public String preferencesUrl(long personId) {
        return base + "/m/p/" + signer.seal(PREFERENCES, Long.toString(personId));
    }

    /** The message and destination of a click token; a destination other than http(s) is refused. */
    Click click(String token) {
        String payload = signer.unseal(CLICK, token);
        int bar = payload.indexOf('|');
        if (bar <= 0) {
            throw new InvalidTrackedLink();
        }
        try {
            URI destination = new URI(payload.substring(bar + 1));
            String scheme = destination.getScheme() == null ? "" : destination.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || destination.getHost() == null) {
                throw new InvalidTrackedLink();
            }
            return new Click(Long.parseLong(payload.substring(0, bar)), destination);
        } catch (java.net.URISyntaxException | NumberFormatException e) {
            throw new InvalidTrackedLink();
        }
    }

    long id(String purpose, String token) {
        try {
            return Long.parseLong(signer.unseal(purpose, token));
        } catch (NumberFormatException e) {
            throw new InvalidTrackedLink();
        }
    }

    record Click(long outboxId, URI destination) {
    }
}
