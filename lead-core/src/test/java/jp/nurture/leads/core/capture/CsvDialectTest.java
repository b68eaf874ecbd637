package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.party.TitleLevel;
import org.junit.jupiter.api.Test;

/** How files from Excel and organisers are recognised, and how their values are read. */
class CsvDialectTest {

    @Test
    void utf8WithBomSemicolonsIsRecognised() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "mql_id;origin\r\nabc;Social\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, 3);
        System.arraycopy(text, 0, file, 3, text.length);
        CsvDialect dialect = CsvDialect.detect(file, null);
        assertThat(dialect.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(dialect.bom()).isTrue();
        assertThat(dialect.separator()).isEqualTo(';');
    }

    @Test
    void windows31jWithTheCharactersPlainShiftJisLacksIsRecognised() {
        byte[] file = "氏名\t会社名\t備考\r\n髙橋 一郎\t㈱サンプル\t①\r\n".getBytes(CsvDialect.WINDOWS_31J);
        CsvDialect dialect = CsvDialect.detect(file, null);
        assertThat(dialect.charset()).isEqualTo(CsvDialect.WINDOWS_31J);
        assertThat(dialect.separator()).isEqualTo('\t');
        assertThat(new String(file, dialect.charset())).contains("髙橋", "㈱", "①");
    }

    @Test
    void utf8WithoutBomCutInsideACharacterIsStillUtf8() {
        byte[] whole = "氏名,会社名\n山田,株式会社サンプル\n".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 2);
        assertThat(CsvDialect.detect(cut, null).charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CsvDialect.detect(cut, null).separator()).isEqualTo(',');
    }

    @Test
    void datesAsPeopleWriteThem() {
        assertThat(Vocabulary.dateTime("2018.02.26 19:58")).contains(LocalDateTime.of(2018, 2, 26, 19, 58));
        assertThat(Vocabulary.dateTime("２０２６年１１月３日")).contains(LocalDateTime.of(2026, 11, 3, 0, 0));
        assertThat(Vocabulary.dateTime("2026/1/5")).contains(LocalDateTime.of(2026, 1, 5, 0, 0));
        assertThat(Vocabulary.dateTime("2026/13/45")).isEmpty();
        assertThat(Vocabulary.dateTime("来週")).isEmpty();
    }

    @Test
    void channelsIndustriesAndTitlesInTheirUsualWords() {
        assertThat(Vocabulary.channel("Paid Search", Channel.OTHER)).isEqualTo(Channel.AD);
        assertThat(Vocabulary.channel("展示会", Channel.OTHER)).isEqualTo(Channel.EXHIBITION);
        assertThat(Vocabulary.channel("", Channel.SEMINAR)).isEqualTo(Channel.SEMINAR);
        assertThat(Vocabulary.channel("unknown", Channel.SEMINAR)).isEqualTo(Channel.OTHER);
        assertThat(Vocabulary.titleLevel("代表取締役社長")).isEqualTo(TitleLevel.EXECUTIVE);
        assertThat(Vocabulary.titleLevel("情報システム部 部長")).isEqualTo(TitleLevel.MANAGER);
        assertThat(Vocabulary.titleLevel("担当")).isEqualTo(TitleLevel.STAFF);
    }
}
