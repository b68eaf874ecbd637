package jp.nurture.leads.core.party;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JapaneseTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"株式会社サンプル商事", "サンプル商事株式会社", "(株)サンプル商事", "㈱サンプル商事",
            "（株）サンプル　商事", "サンプル商事(株)", " ｻﾝﾌﾟﾙ商事 株式会社 "})
    void companySpellingsShareOneKey(String spelling) {
        assertThat(JapaneseText.companyKey(spelling)).isEqualTo("サンプル商事");
    }

    @Test
    void englishLegalFormsAreDroppedToo() {
        assertThat(JapaneseText.companyKey("Sample Trading Co., Ltd."))
                .isEqualTo(JapaneseText.companyKey("SAMPLE TRADING"));
    }

    @Test
    void emailIsHalfWidthLowerCaseAndTrimmed() {
        assertThat(JapaneseText.email("　Taro.Yamada＠Example.CO.JP ")).isEqualTo("taro.yamada@example.co.jp");
        assertThat(JapaneseText.email("   ")).isNull();
    }

    @Test
    void phoneKeepsDigitsOnly() {
        assertThat(JapaneseText.phone("０３－１２３４－５６７８")).isEqualTo("0312345678");
        assertThat(JapaneseText.phone("(03) 1234 5678")).isEqualTo("0312345678");
    }

    @Test
    void ideographicSpacesCollapse() {
        assertThat(JapaneseText.clean("山田　　太郎 ")).isEqualTo("山田 太郎");
        assertThat(JapaneseText.personKey("山田　太郎")).isEqualTo(JapaneseText.personKey("山田太郎"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"東京都", "東京", "tokyo", "TOKYO", "13", "１３"})
    void prefecturesAreRecognisedAsPeopleWriteThem(String text) {
        assertThat(Prefecture.parse(text)).contains(Prefecture.TOKYO);
    }

    @Test
    void prefectureCarriesItsSalesArea() {
        assertThat(Prefecture.MIYAGI.area()).isEqualTo(Area.TOHOKU);
        assertThat(Prefecture.parse("99")).isEmpty();
        assertThat(Prefecture.parse("")).isEmpty();
    }
}
