package jp.nurture.leads.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageHitTest {

    private static PageHit hit(String url, String title, String referrer) {
        return new PageHit(UUID.randomUUID(), 1, url, title, referrer, Instant.EPOCH);
    }

    @Test
    void nulIsDroppedAndLoneSurrogatesBecomeReplacementCharacters() {
        PageHit hit = hit("https://a.example.jp/p?x=\u0000y", "見積\ud800り\udc00", "r\u0000");
        assertThat(hit.url()).isEqualTo("https://a.example.jp/p?x=y");
        assertThat(hit.title()).isEqualTo("見積\ufffdり\ufffd");
        assertThat(hit.referrer()).isEqualTo("r");
    }

    @Test
    void wholeCharactersOutsideTheBmpAreKeptAndNeverCutInHalf() {
        String emoji = "\ud83d\ude00";
        assertThat(hit("/", "a" + emoji + "b", null).title()).isEqualTo("a" + emoji + "b");
        String title = "x".repeat(PageHit.MAX_TITLE - 1) + emoji;
        assertThat(hit("/", title, null).title()).isEqualTo("x".repeat(PageHit.MAX_TITLE - 1));
    }

    @Test
    void aValueThatIsNothingButNulIsAbsent() {
        assertThat(hit("/", "\u0000\u0000", " ").title()).isNull();
        assertThat(hit("/", "\u0000\u0000", " ").referrer()).isNull();
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String title = "製品ページ 😀 <b>";
        assertThat(PageHit.storable(title)).isSameAs(title);
    }
}
