package jp.nurture.leads.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jp.nurture.leads.core.tracking.TrackedLinks.InvalidTrackedLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackedLinksTest {

    private final TrackedLinks links = new TrackedLinks(
            new TrackingProperties("test-key", null, null, null, null), null);

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
        String evil = b64.encodeToString("1|42|https://evil.example/".getBytes(StandardCharsets.UTF_8)) + signature;
        String otherLead = b64.encodeToString("1|43|https://example.jp/".getBytes(StandardCharsets.UTF_8)) + signature;
        assertThatThrownBy(() -> links.verify(evil)).isInstanceOf(InvalidTrackedLink.class);
        assertThatThrownBy(() -> links.verify(otherLead)).isInstanceOf(InvalidTrackedLink.class);
    }

    @Test
    void aLinkSignedWithAnotherKeyIsRefused() {
        TrackedLinks other = new TrackedLinks(new TrackingProperties("other-key", null, null, null, null), null);
        assertThatThrownBy(() -> links.verify(other.sign(42, "https://example.jp/")))
                .isInstanceOf(InvalidTrackedLink.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "//evil.example/", "/relative", "ftp://example.jp/", ""})
    void onlyAbsoluteWebAddressesCanBeSigned(String destination) {
        assertThatThrownBy(() -> links.sign(1, destination)).isInstanceOf(IllegalArgumentException.class);
    }
}
