package jp.nurture.leads.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicRuleTest {

    @Test
    void aPatternMatchesThePathOfAbsoluteAndRelativeUrls() {
        TopicRule rule = new TopicRule(1, 1, "/products/iot/*", "IoT");
        assertThat(rule.matches("https://example.jp/products/iot/sensors?x=1")).isTrue();
        assertThat(rule.matches("/Products/IoT/line")).isTrue();
        assertThat(rule.matches("https://example.jp/products/erp/")).isFalse();
        assertThat(rule.matches("https://example.jp/blog?next=/products/iot/a")).isFalse();
    }

    @Test
    void regexCharactersInAPatternAreLiteral() {
        TopicRule rule = new TopicRule(1, 1, "/a.b/(x)+", "t");
        assertThat(rule.matches("/a.b/(x)+")).isTrue();
        assertThat(rule.matches("/aXb/xx")).isFalse();
    }
}
