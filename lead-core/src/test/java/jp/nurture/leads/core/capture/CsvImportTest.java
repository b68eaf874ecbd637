package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.Company;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An exhibition visitor list in Windows-31J with duplicates, spelling variants and broken rows. */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class CsvImportTest {

    @Autowired ImportJobs jobs;
    @Autowired ProductCatalog catalog;
    @Autowired Companies companies;
    @Autowired CustomFields customFields;
    @Autowired JdbcClient jdbc;

    Product product;
    String tag;
    long owner;

    @BeforeEach
    void data() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        product = catalog.create("X" + tag, "展示会テスト", TargetDefinition.any());
        customFields.define(product.getId(), "memo", "メモ", CustomFieldType.TEXT, null);
        customFields.define(product.getId(), "software", "利用中ソフト", CustomFieldType.CHOICE, List.of("弥生", "freee"));
        owner = jdbc.sql("insert into app_user (username, display_name, password_hash) values (?, '営業', 'x') returning id")
                .param("owner" + tag).query(Long.class).single();
        Company customer = new Company("既存顧客" + tag + "株式会社");
        customer.becomeCustomer(owner);
        companies.save(customer);
    }

    /** Demo data seeds only into a database without users, and the web tests share this database. */
    @AfterEach
    void removeOwner() {
        jdbc.sql("update lead set owner_id = null where owner_id = ?").param(owner).update();
        jdbc.sql("update company set account_owner_id = null where account_owner_id = ?").param(owner).update();
        jdbc.sql("delete from app_user where id = ?").param(owner).update();
    }

    private String file() {
        return String.join("\r\n",
                "氏名,会社名,メールアドレス,電話番号,都道府県,役職,来場日,メモ,利用中ソフト",
                "髙橋 一郎,㈱サンプル" + tag + ",ＴＡＫＡＨＡＳＨＩ." + tag + "@Example.JP,０３－１２３４－５６７８,東京,部長,2026/11/20,①初回,弥生",
                "髙橋　一郎,サンプル" + tag + "株式会社,takahashi." + tag + "@example.jp,,東京都,,2026/11/20,,",
                "佐藤 花子,株式会社 テスト工業" + tag + ",,06-1111-2222,大阪,担当,2026/11/21,,",
                "佐藤　花子,(株)テスト工業" + tag + ",,,大阪府,,2026/11/21,,ｆｒｅｅｅ",
                "列が,足りない",
                "鈴木 次郎,鈴木商店" + tag + ",suzuki@,,,,2026/11/21,,",
                "田中 三郎,田中製作所" + tag + ",tanaka." + tag + "@example.jp,,,,2026/13/45,,",
                "山本 四郎,既存顧客" + tag + "(株),yamamoto." + tag + "@example.jp,,愛知県,課長,2026/11/22,\"住所:\n名古屋市\",",
                "伊藤 五郎,伊藤物産" + tag + ",ito." + tag + "@example.jp,,,,2026/11/22,,一太郎",
                "") ;
    }

    private ImportRequest request(MergePolicy policy) {
        return new ImportRequest(product.getId(), "IT Week " + tag, "visitors.csv", null, Channel.EXHIBITION,
                "IT Week 秋 2026", ActivityType.EXHIBITION_ATTENDED, LocalDate.of(2026, 11, 20), policy, null);
    }

    @Test
    void duplicatesMergeBrokenRowsAreReportedAndValidRowsAllArrive() {
        byte[] content = file().getBytes(CsvDialect.WINDOWS_31J);
        ImportJob uploaded = jobs.upload(request(MergePolicy.FILL_EMPTY), new java.io.ByteArrayInputStream(content),
                ProductScope.all());
        ImportPreview preview = jobs.preview(uploaded.id(), ProductScope.all());
        assertThat(preview.charset()).isEqualTo("windows-31j");
        assertThat(preview.rows().get(0)).contains("髙橋 一郎", "①初回");
        assertThat(preview.mapping()).containsEntry("氏名", "full_name").containsEntry("メールアドレス", "email")
                .containsEntry("来場日", "occurred_at").containsEntry("メモ", "custom:memo")
                .containsEntry("利用中ソフト", "custom:software");
        jobs.start(uploaded.id(), preview.mapping(), ProductScope.all());
        ImportJob done = Imports.awaitFinished(jobs, uploaded.id());

        assertThat(done.created()).as("高橋, 佐藤, 山本").isEqualTo(3);
        assertThat(done.unchanged()).as("the second 高橋 brings nothing new").isEqualTo(1);
        assertThat(done.updated()).as("the second 佐藤 adds a software choice").isEqualTo(1);
        List<ImportError> errors = new ArrayList<>();
        jobs.errors(done.id(), ProductScope.all(), errors::add);
        assertThat(errors).extracting(ImportError::reason).containsExactly("columns", "email", "date", "choice");
        assertThat(errors).extracting(ImportError::lineNo).containsExactly(6L, 7L, 8L, 11L);
        assertThat(errors.get(1).raw()).startsWith("鈴木 次郎,");
        assertThat(done.failed()).isEqualTo(4);

        Map<String, Object> takahashi = jdbc.sql("""
                select p.email, p.phone, p.title_level, c.prefecture, l.source_channel, l.source_detail,
                       l.custom ->> 'memo' as memo, l.custom ->> 'software' as software
                from person p join company c on c.id = p.company_id join lead l on l.person_id = p.id
                where p.email = ? and l.product_id = ?""").params("takahashi." + tag + "@example.jp", product.getId())
                .query().singleRow();
        assertThat(takahashi).containsEntry("phone", "0312345678").containsEntry("title_level", "MANAGER")
                .containsEntry("prefecture", "TOKYO").containsEntry("source_channel", "EXHIBITION")
                .containsEntry("source_detail", "IT Week 秋 2026").containsEntry("memo", "①初回")
                .containsEntry("software", "弥生");
        assertThat(count("select count(*) from person p join company c on c.id = p.company_id"
                + " where p.name_key = '佐藤花子' and c.normalized_name = ?", "テスト工業" + tag.toLowerCase()))
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                select l.custom ->> 'software' from lead l join person p on p.id = l.person_id
                where p.name_key = '佐藤花子' and l.product_id = ?""").param(product.getId()).query(String.class)
                .single()).isEqualTo("freee");
        assertThat(count("select count(*) from company where normalized_name = ?", "サンプル" + tag)).isEqualTo(1);
        assertThat(jdbc.sql("""
                select l.owner_id from lead l join person p on p.id = l.person_id where p.email = ?""")
                .param("yamamoto." + tag + "@example.jp").query(Long.class).single())
                .as("the existing customer keeps its account owner").isEqualTo(owner);
        assertThat(jdbc.sql("""
                select l.custom ->> 'memo' from lead l join person p on p.id = l.person_id where p.email = ?""")
                .param("yamamoto." + tag + "@example.jp").query(String.class).single()).isEqualTo("住所:\n名古屋市");
        assertThat(count("select count(*) from activity where product_id = ? and type = 'EXHIBITION_ATTENDED'",
                product.getId())).as("one visit per person and day").isEqualTo(3);
        assertThat(count("select count(*) from activity where product_id = ? and (detail ->> 'created')::boolean",
                product.getId())).as("each new lead's first activity says it was created").isEqualTo(3);
    }

    @Test
    void overwriteReplacesKnownValuesAndFillOnlyFillsGaps() {
        Imports.run(jobs, request(MergePolicy.FILL_EMPTY), file().getBytes(CsvDialect.WINDOWS_31J), null);
        String later = String.join("\r\n", "氏名,会社名,メールアドレス,部署",
                "髙橋 一郎,サンプル" + tag + ",takahashi." + tag + "@example.jp,経理部", "");
        ImportJob fill = Imports.run(jobs, request(MergePolicy.FILL_EMPTY), later.getBytes(CsvDialect.WINDOWS_31J), null);
        assertThat(fill.updated()).isEqualTo(1);
        String moved = later.replace("経理部", "財務部");
        ImportJob keep = Imports.run(jobs, request(MergePolicy.FILL_EMPTY), moved.getBytes(CsvDialect.WINDOWS_31J), null);
        assertThat(keep.unchanged()).isEqualTo(1);
        assertThat(department()).isEqualTo("経理部");
        ImportJob overwrite = Imports.run(jobs, request(MergePolicy.OVERWRITE), moved.getBytes(CsvDialect.WINDOWS_31J),
                null);
        assertThat(overwrite.updated()).isEqualTo(1);
        assertThat(department()).isEqualTo("財務部");
    }

    @Test
    void anInterruptedImportResumesAfterItsLastCommittedChunkWithoutDuplicates() {
        ImportJob first = Imports.run(jobs, request(MergePolicy.FILL_EMPTY), file().getBytes(CsvDialect.WINDOWS_31J),
                null);
        long activities = count("select count(*) from activity where product_id = ?", product.getId());
        long people = count("select count(*) from person");

        ImportJob second = jobs.upload(request(MergePolicy.FILL_EMPTY),
                new java.io.ByteArrayInputStream(file().getBytes(CsvDialect.WINDOWS_31J)), ProductScope.all());
        Map<String, String> mapping = new LinkedHashMap<>(jobs.preview(second.id(), ProductScope.all()).mapping());
        // As if an instance had committed the first four records and then died.
        jdbc.sql("update import_job set mapping = cast(? as jsonb), status = 'INTERRUPTED', records_done = 4 where id = ?")
                .params(new tools.jackson.databind.json.JsonMapper().writeValueAsString(mapping), second.id()).update();
        assertThat(jobs.get(second.id(), ProductScope.all()).status()).isEqualTo(ImportStatus.INTERRUPTED);
        jobs.resume(second.id(), ProductScope.all());
        ImportJob resumed = Imports.awaitFinished(jobs, second.id());

        assertThat(resumed.recordsDone()).isEqualTo(9);
        assertThat(resumed.failed()).isEqualTo(4);
        assertThat(resumed.created()).isZero();
        assertThat(count("select count(*) from person")).isEqualTo(people);
        assertThat(count("select count(*) from activity where product_id = ?", product.getId())).isEqualTo(activities);
        assertThat(first.created()).isEqualTo(3);
    }

    @Test
    void aVisitorIdAlreadyTakenInTheSameChunkIsReportedAndAKnownPersonGetsALeadOfAnotherProduct() {
        // The address names the first row's person and gives them the visitor id; the second row, without an
        // address, would be a second person holding the same id. It is reported with its line, never merged by
        // guess, and the first row arrives whole.
        String visitors = String.join("\r\n", "氏名,メールアドレス,来場者ID,来場日",
                "木村 一,kimura." + tag + "@example.jp,V-" + tag + ",2026/11/20",
                "木村 一,,V-" + tag + ",2026/11/21", "");
        Map<String, String> mapping = Map.of("氏名", "full_name", "メールアドレス", "email", "来場者ID", "external_id",
                "来場日", "occurred_at");
        ImportJob job = Imports.run(jobs, request(MergePolicy.FILL_EMPTY), visitors.getBytes(CsvDialect.WINDOWS_31J),
                mapping);
        assertThat(job.created()).isEqualTo(1);
        assertThat(job.failed()).isEqualTo(1);
        List<ImportError> errors = new ArrayList<>();
        jobs.errors(job.id(), ProductScope.all(), errors::add);
        assertThat(errors).extracting(ImportError::reason, ImportError::lineNo).containsExactly(
                org.assertj.core.groups.Tuple.tuple("conflict", 3L));
        assertThat(count("select count(*) from person where external_id = ?", "V-" + tag)).isEqualTo(1);
        assertThat(count("select count(*) from activity where product_id = ?", product.getId()))
                .as("the reported row records no visit").isEqualTo(1);

        // The same list for another product: the person is known, the lead is new there.
        Product other = catalog.create("Y" + tag, "別製品", TargetDefinition.any());
        long people = count("select count(*) from person");
        ImportJob again = Imports.run(jobs, new ImportRequest(other.getId(), "IT Week " + tag, "visitors.csv", null,
                Channel.EXHIBITION, "IT Week 秋 2026", ActivityType.EXHIBITION_ATTENDED, LocalDate.of(2026, 11, 20),
                MergePolicy.FILL_EMPTY, null), visitors.getBytes(CsvDialect.WINDOWS_31J), mapping);
        assertThat(again.created()).isEqualTo(1);
        assertThat(again.unchanged()).as("the second row is now the known person's second visit").isEqualTo(1);
        assertThat(again.failed()).isZero();
        assertThat(count("select count(*) from person")).isEqualTo(people);
        assertThat(count("select count(*) from activity where product_id = ?", other.getId()))
                .as("one activity per visit day").isEqualTo(2);
    }

    @Test
    void aMappingThatIdentifiesNobodyIsRefused() {
        ImportJob job = jobs.upload(request(MergePolicy.FILL_EMPTY),
                new java.io.ByteArrayInputStream(file().getBytes(CsvDialect.WINDOWS_31J)), ProductScope.all());
        assertThatThrownBy(() -> jobs.start(job.id(), Map.of("会社名", "company"), ProductScope.all()))
                .isInstanceOf(ImportJobs.InvalidMapping.class);
        assertThatThrownBy(() -> jobs.get(job.id(), ProductScope.only(List.of(-1L))))
                .isInstanceOf(ImportNotFound.class);
    }

    private String department() {
        return jdbc.sql("select department from person where email = ?").param("takahashi." + tag + "@example.jp")
                .query(String.class).single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
