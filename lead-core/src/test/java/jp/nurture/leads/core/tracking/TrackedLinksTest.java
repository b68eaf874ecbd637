package jp.nurture.leads.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import jp.nurture.leads.core.tracking.TrackedLinks.ExpiredTrackedLink;
import jp.nurture.leads.core.tracking.TrackedLinks.InvalidTrackedLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackedLinksTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private final TrackedLinks links = new TrackedLinks(
            new TrackingProperties("test-key", null, null, null, null, 30), null, clock);

    @Test
    void aSignedLinkVerifiesToItsLeadAndDestination() {
        String token = links.sign(42, "https://example.jp/products/iot?utm=mail");
        TrackedLinks.TrackedClick click = links.verify(token);
        assertThat(click.leadId()).isEqualTo(42);
        assertThat(click.destination()).hasToString("https://example.jp/products/iot?utm=mail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "abc.", ".abc", "a.b.c", "!!!.???", "eHl6.eHl6"})
    void emptyGarbledOrForeignTokensAreRefused(String token) {
        assertThatThrownBy(() -> links.verify(token)).isInstanceOf(InvalidTrackedLink.class);
    }

    @Test
    void aTruncatedTokenIsRefused() {
        String token = links.sign(42, "https://example.jp/");
        assertThatThrownBy(() -> links.verify(token.substring(0, token.length() - 3)))
                .isInstanceOf(InvalidTrackedLink.class);
    }

    @Test
    void anotherDestinationOrLeadInTheSameSignatureIsRefused() {
        String token = links.sign(42, "https://example.jp/");
        String signature = token.substring(token.indexOf('.'));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String evil = b64.encodeToString("2|42|20544|https://evil.example/".getBytes(StandardCharsets.UTF_8)) + signature;
        String otherLead = b64.encodeToString("2|43|20544|https://example.jp/".getBytes(StandardCharsets.UTF_8)) + signature;
        assertThatThrownBy(() -> links.verify(evil)).isInstanceOf(InvalidTrackedLink.class);
        assertThatThrownBy(() -> links.verify(otherLead)).isInstanceOf(InvalidTrackedLink.class);
    }

    @Test
    void aLinkSignedWithAnotherKeyIsRefused() {
        TrackedLinks other = new TrackedLinks(
                new TrackingProperties("other-key", null, null, null, null, 30), null, clock);
        assertThatThrownBy(() -> links.verify(other.sign(42, "https://example.jp/")))
                .isInstanceOf(InvalidTrackedLink.class);
    }

    @Test
    void aLinkWorksForItsValidDaysThenOnlyNamesItsDestination() {
        String token = links.sign(42, "https://example.jp/case");
        clock.advance(Duration.ofDays(30));
        assertThat(links.verify(token).leadId()).isEqualTo(42);
        clock.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> links.verify(token)).isInstanceOfSatisfying(ExpiredTrackedLink.class,
                expired -> assertThat(expired.destination()).hasToString("https://example.jp/case"));
    }

    @Test
    void aSigningDayMovedForwardBreaksTheSignature() {
        String token = links.sign(42, "https://example.jp/");
        clock.advance(Duration.ofDays(31));
        String body = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String[] parts = body.split("\\|", 4);
        String refreshed = parts[0] + "|" + parts[1] + "|" + (Long.parseLong(parts[2]) + 31) + "|" + parts[3];
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(refreshed.getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> links.verify(forged)).isInstanceOf(InvalidTrackedLink.class)
                .isNotInstanceOf(ExpiredTrackedLink.class);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "//evil.example/", "/relative", "ftp://example.jp/", ""})
    void onlyAbsoluteWebAddressesCanBeSigned(String destination) {
        assertThatThrownBy(() -> links.sign(1, destination)).isInstanceOf(IllegalArgumentException.class);
    }
}
