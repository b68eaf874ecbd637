package jp.nurture.leads.core.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Signs and verifies tracked links. A token carries the lead, the day it was signed and the destination, and an
 * HMAC-SHA256 over all three, so the click endpoint redirects only where the marketer's link said — it cannot be
 * used as an open redirect — a changed lead id or destination is refused, and a link stops identifying anybody
 * {@code leads.tracking.link-valid-days} after it was signed (a forwarded or leaked old mail cannot keep tying
 * strangers' browsers to the lead). The key comes from {@code leads.tracking.link-signing-key}
 * or, when that is blank, from the key generated once in the database, so every app instance shares it.
 */
@Service
public class TrackedLinks {

    private static final String VERSION = "2";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN = 4096;

    private final byte[] key;
    private final Clock clock;
    private final int validDays;

    TrackedLinks(TrackingProperties properties, JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.validDays = properties.linkValidDays();
        String configured = properties.linkSigningKey();
        String secret = configured != null && !configured.isBlank() ? configured
                : jdbc.sql("select value from tracking_setting where name = 'link-signing-key'")
                        .query(String.class).single();
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The token for a link that identifies the lead and then lands on the destination (http or https only). */
    public String sign(long leadId, String destination) {
        URI uri = webAddress(destination);
        if (uri == null) {
            throw new IllegalArgumentException("a tracked link needs an absolute http(s) destination");
        }
        String payload = VERSION + "|" + leadId + "|" + LocalDate.now(clock).toEpochDay() + "|" + uri;
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
    }

    /**
     * The click a token stands for.
     *
     * @throws InvalidTrackedLink when the token is empty, truncated, altered or signed with another key
     * @throws ExpiredTrackedLink when the token is genuine but older than the links' validity (it names the
     *         destination)
     */
    public TrackedClick verify(String token) {
        byte[] body = signedBody(token);
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\\|", 4);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new InvalidTrackedLink();
        }
        URI destination = webAddress(parts[3]);
        if (destination == null) {
            throw new InvalidTrackedLink();
        }
        long leadId;
        long signedOn;
        try {
            leadId = Long.parseLong(parts[1]);
            signedOn = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw new InvalidTrackedLink();
        }
        if (LocalDate.now(clock).toEpochDay() - signedOn > validDays) {
            throw new ExpiredTrackedLink(destination);
        }
        return new TrackedClick(leadId, destination);
    }

    /**
     * A signed token for any other personal link (an email's open pixel, unsubscribe or preference link): the
     * purpose and payload travel readable but cannot be changed, and a token made for one purpose is refused for
     * another — or as a tracked link.
     */
    public String seal(String purpose, String payload) {
        if (purpose == null || purpose.isEmpty() || purpose.contains("|") || payload == null) {
            throw new IllegalArgumentException("a sealed link needs a purpose without | and a payload");
        }
        byte[] body = ("s|" + purpose + "|" + payload).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
    }

    /**
     * The payload of a token from {@link #seal} with this purpose.
     *
     * @throws InvalidTrackedLink when the token is damaged, altered, foreign or made for another purpose
     */
    public String unseal(String purpose, String token) {
        byte[] body = signedBody(token);
        String prefix = "s|" + purpose + "|";
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.startsWith(prefix)) {
            throw new InvalidTrackedLink();
        }
        return text.substring(prefix.length());
    }

    private byte[] signedBody(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            throw new InvalidTrackedLink();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            throw new InvalidTrackedLink();
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidTrackedLink();
        }
        if (!MessageDigest.isEqual(mac(body), signature)) {
            throw new InvalidTrackedLink();
        }
        return body;
    }

    /** A short fingerprint of the key in use, for the settings page (never the key itself). */
    public String keyFingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static URI webAddress(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** What a verified tracked link stands for: the lead who received it and where it lands. */
    public record TrackedClick(long leadId, URI destination) {
    }

    /** The token of a tracked link is missing, damaged or was not signed by this installation. */
    public static class InvalidTrackedLink extends RuntimeException {

        public InvalidTrackedLink() {
            super("invalid tracked link");
        }

        InvalidTrackedLink(String message) {
            super(message);
        }
    }

    /**
     * A genuine tracked link that is older than the links' validity. Its destination is still the marketer's own
     * (the signature holds), so the reader may be sent there — only without being identified.
     */
    public static class ExpiredTrackedLink extends InvalidTrackedLink {

        private final transient URI destination;

        ExpiredTrackedLink(URI destination) {
            super("expired tracked link");
            this.destination = destination;
        }

        public URI destination() {
            return destination;
        }
    }
}
