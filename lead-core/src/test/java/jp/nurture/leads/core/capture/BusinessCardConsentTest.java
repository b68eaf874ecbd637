package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.consent.EmailType;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Exhibition business cards: addresses handed over in writing, a basis for chosen email types of the product. */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class BusinessCardConsentTest {

    @Autowired ImportJobs jobs;
    @Autowired ProductCatalog catalog;
    @Autowired EmailTypes emailTypes;
    @Autowired Consents consents;
    @Autowired JdbcClient jdbc;

    Product product;
    Product other;
    String tag;

    @BeforeEach
    void data() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        product = catalog.create("B" + tag, "名刺" + tag, TargetDefinition.any());
        other = catalog.create("O" + tag, "他製品" + tag, TargetDefinition.any());
        emailTypes.addStarterTypes(product.getId());
        emailTypes.addStarterTypes(other.getId());
    }

    private EmailType type(Product p, String code) {
        return emailTypes.ofProduct(p.getId()).stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
    }

    private ImportRequest request() {
        return new ImportRequest(product.getId(), "名刺 " + tag, "cards.csv", null, Channel.EXHIBITION,
                "IT Week 秋 2026", ActivityType.EXHIBITION_ATTENDED, LocalDate.of(2026, 11, 18), MergePolicy.FILL_EMPTY,
                null);
    }

    @Test
    void chosenEmailTypesGetABusinessCardConsentForEveryImportedAddress() {
        String csv = String.join("\r\n", "氏名,会社名,メールアドレス",
                "山田 太郎,山田商事" + tag + ",yamada." + tag + "@example.jp",
                "田中 花子,田中工業" + tag + ",tanaka." + tag + "@example.jp",
                "名無し 三郎,名無し" + tag + ",",
                "壊れた 行,壊れ" + tag + ",broken@",
                "");
        // 田中 said no to the newsletter before: a business card never brings a withdrawn type back.
        String tanaka = "tanaka." + tag + "@example.jp";
        ImportJob first = Imports.run(jobs, request(), csv.getBytes(StandardCharsets.UTF_8), null);
        assertThat(first.created()).isEqualTo(3);
        long tanakaId = personId(tanaka);
        consents.withdraw(tanakaId, type(product, "NEWSLETTER").id(), "unsubscribe link");

        ImportJob uploaded = jobs.upload(request(), new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ProductScope.all());
        Map<String, String> mapping = jobs.preview(uploaded.id(), ProductScope.all()).mapping();
        long newsletter = type(product, "NEWSLETTER").id();
        long seminar = type(product, "SEMINAR").id();
        long foreign = type(other, "NEWSLETTER").id();
        jobs.start(uploaded.id(), mapping, List.of(newsletter, seminar, foreign), ProductScope.all());
        ImportJob done = Imports.awaitFinished(jobs, uploaded.id());
        assertThat(done.failed()).isEqualTo(1);
        assertThat(jobs.businessCardEmailTypes(done.id(), ProductScope.all())).extracting(EmailType::id)
                .containsExactly(newsletter, seminar);

        long yamada = personId("yamada." + tag + "@example.jp");
        assertThat(consent(yamada, newsletter)).containsEntry("status", "GRANTED")
                .containsEntry("basis", "BUSINESS_CARD").containsEntry("source", "import:" + done.id());
        assertThat(consent(yamada, seminar)).containsEntry("basis", "BUSINESS_CARD");
        assertThat(consents.mayReceive(yamada, seminar)).isTrue();
        assertThat(consent(tanakaId, newsletter)).containsEntry("status", "WITHDRAWN");
        assertThat(consent(tanakaId, seminar)).containsEntry("status", "GRANTED");
        assertThat(count("select count(*) from consent where email_type_id = ?", foreign))
                .as("another product's type is not the import's to grant").isZero();
        assertThat(count("""
                select count(*) from consent c join person p on p.id = c.person_id
                where p.email is null and p.full_name = '名無し 三郎'""")).as("no address, nothing to consent to").isZero();
        assertThat(count("select count(*) from consent_history where source = ?", "import:" + done.id()))
                .as("yamada twice, tanaka once").isEqualTo(3);
        assertThat(count("select count(*) from consent_history where source = ?", "import:" + first.id()))
                .as("an import without business cards records none").isZero();
    }

    private long personId(String email) {
        return jdbc.sql("select id from person where email = ?").param(email).query(Long.class).single();
    }

    private Map<String, Object> consent(long person, long type) {
        return jdbc.sql("select status, basis, source from consent where person_id = ? and email_type_id = ?")
                .params(person, type).query().singleRow();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
