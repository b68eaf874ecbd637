package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A single record (a form submission) lands on the person and lead an exhibition list already created. */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class RecordCaptureTest {

    @Autowired RecordCapture capture;
    @Autowired ImportJobs jobs;
    @Autowired ProductCatalog catalog;
    @Autowired CustomFields customFields;
    @Autowired JdbcClient jdbc;

    @Test
    void aFormRecordIsDeduplicatedAgainstAnImportedPersonAndOnlyFillsWhatIsMissing() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Product product = catalog.create("F" + tag, "フォームテスト", TargetDefinition.any());
        customFields.define(product.getId(), "software", "利用中ソフト", CustomFieldType.CHOICE, List.of("弥生", "freee"));
        String csv = "氏名,会社名,メールアドレス,電話番号\r\n髙橋 一郎,㈱サンプル" + tag + ",takahashi." + tag
                + "@example.jp,03-1234-5678\r\n";
        Imports.run(jobs, new ImportRequest(product.getId(), "展示会 " + tag, "v.csv", null, Channel.EXHIBITION,
                "展示会", ActivityType.EXHIBITION_ATTENDED, LocalDate.of(2026, 11, 20), MergePolicy.FILL_EMPTY, null),
                csv.getBytes(StandardCharsets.UTF_8), null);
        Map<String, Object> imported = jdbc.sql("""
                select p.id as person, l.id as lead from person p join lead l on l.person_id = p.id
                where p.email = ?""").param("takahashi." + tag + "@example.jp").query().singleRow();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", "ＴＡＫＡＨＡＳＨＩ." + tag + "@Example.JP");
        values.put("full_name", "Takahashi Ichiro");
        values.put("company", "サンプル" + tag + "株式会社");
        values.put("phone", "090-0000-0000");
        values.put("department", "経理部");
        values.put("custom:software", "ｆｒｅｅｅ");
        RecordCapture.Captured captured = capture.capture(product.getId(), values, Channel.WEBINAR, "ウェビナー",
                Instant.now());

        assertThat(captured.personId()).isEqualTo(imported.get("person"));
        assertThat(captured.leadId()).isEqualTo(imported.get("lead"));
        assertThat(captured.created()).isFalse();
        assertThat(captured.changed()).isTrue();
        assertThat(jdbc.sql("""
                select p.phone || ' ' || p.department || ' ' || l.source_channel || ' ' || (l.custom->>'software')
                from person p join lead l on l.person_id = p.id where l.id = ?""").param(captured.leadId())
                .query(String.class).single()).isEqualTo("0312345678 経理部 EXHIBITION freee");

        // Nothing new: unchanged. A new address: a new person and lead with the record's channel.
        assertThat(capture.capture(product.getId(), values, Channel.WEBINAR, null, Instant.now()).changed()).isFalse();
        values.put("email", "new." + tag + "@example.jp");
        RecordCapture.Captured fresh = capture.capture(product.getId(), values, Channel.WEBINAR, "ウェビナー",
                Instant.now());
        assertThat(fresh.created()).isTrue();
        assertThat(jdbc.sql("select source_channel from lead where id = ?").param(fresh.leadId())
                .query(String.class).single()).isEqualTo("WEBINAR");

        values.put("email", "broken@");
        assertThatThrownBy(() -> capture.capture(product.getId(), values, Channel.WEBINAR, null, Instant.now()))
                .isInstanceOfSatisfying(RecordCapture.Rejected.class, e -> assertThat(e.reason()).isEqualTo("email"));
        values.put("email", "other." + tag + "@example.jp");
        values.put("custom:software", "一太郎");
        assertThatThrownBy(() -> capture.capture(product.getId(), values, Channel.WEBINAR, null, Instant.now()))
                .isInstanceOfSatisfying(RecordCapture.Rejected.class, e -> assertThat(e.reason()).isEqualTo("choice"));
    }
}
