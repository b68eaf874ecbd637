package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A visitor list kept as an Excel workbook: same preview, mapping and job as a CSV. */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class XlsxImportTest {

    @Autowired ImportJobs jobs;
    @Autowired ProductCatalog catalog;
    @Autowired JdbcClient jdbc;

    Product product;
    String tag;

    @BeforeEach
    void data() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        product = catalog.create("W" + tag, "ワークブック" + tag, TargetDefinition.any());
    }

    private byte[] workbook(String secretCell) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "leads-test", "1.0");
        Worksheet ws = wb.newWorksheet("来場者");
        String[] header = {"氏名", "会社名", "メールアドレス", "来場日", "利用予定人数", "電話番号"};
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        Object[][] rows = {
            {"髙橋 一郎", "㈱サンプル" + tag, "takahashi." + tag + "@example.jp", LocalDate.of(2026, 11, 20), 120, "03-1234-5678"},
            {"髙橋　一郎", "サンプル" + tag + "株式会社", "ＴＡＫＡＨＡＳＨＩ." + tag + "@example.jp", LocalDate.of(2026, 11, 20), null, null},
            {"佐藤 花子", "テスト工業" + tag, "sato." + tag + "@example.jp", "2026/11/21", 30.0, null},
            {"鈴木 次郎", "鈴木商店" + tag, "suzuki@", null, null, null},
            {secretCell, "外部参照" + tag, "xxe." + tag + "@example.jp", null, null, null},
        };
        int r = 1;
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                Object v = row[c];
                if (v instanceof LocalDate d) {
                    ws.value(r, c, d);
                    ws.style(r, c).format("yyyy/mm/dd").set();
                } else if (v instanceof Number n) {
                    ws.value(r, c, n);
                } else if (v != null) {
                    ws.value(r, c, (String) v);
                }
            }
            r++;
        }
        // A blank row and a row Excel wrote with empty formatted cells only: both are skipped like blank lines.
        ws.style(r + 1, 3).format("yyyy/mm/dd").set();
        wb.finish();
        return out.toByteArray();
    }

    private ImportRequest request() {
        return new ImportRequest(product.getId(), "Excel " + tag, "来場者.xlsx", null, Channel.EXHIBITION,
                "IT Week 秋 2026", ActivityType.EXHIBITION_ATTENDED, LocalDate.of(2026, 11, 18), MergePolicy.FILL_EMPTY,
                null);
    }

    @Test
    void aWorkbookPreviewsMapsAndImportsLikeACsv() throws IOException {
        ImportJob uploaded = jobs.upload(request(), new ByteArrayInputStream(workbook("伊藤 五郎")), ProductScope.all());
        ImportPreview preview = jobs.preview(uploaded.id(), ProductScope.all());
        assertThat(preview.charset()).isEqualTo("xlsx");
        assertThat(preview.header()).containsExactly("氏名", "会社名", "メールアドレス", "来場日", "利用予定人数", "電話番号");
        assertThat(preview.rows().get(0)).containsExactly("髙橋 一郎", "㈱サンプル" + tag,
                "takahashi." + tag + "@example.jp", "2026-11-20", "120", "03-1234-5678");
        assertThat(preview.rows().get(2)).containsExactly("佐藤 花子", "テスト工業" + tag, "sato." + tag + "@example.jp",
                "2026/11/21", "30", "");
        assertThat(preview.mapping()).containsEntry("氏名", "full_name").containsEntry("メールアドレス", "email")
                .containsEntry("来場日", "occurred_at");

        jobs.start(uploaded.id(), preview.mapping(), ProductScope.all());
        ImportJob done = Imports.awaitFinished(jobs, uploaded.id());

        assertThat(done.created()).as("高橋, 佐藤, 伊藤").isEqualTo(3);
        assertThat(done.unchanged()).as("the second 高橋 brings nothing new").isEqualTo(1);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(done.recordsDone()).isEqualTo(5);
        assertThat(done.percent()).isEqualTo(100);
        List<ImportError> errors = new ArrayList<>();
        jobs.errors(done.id(), ProductScope.all(), errors::add);
        assertThat(errors).extracting(ImportError::reason).containsExactly("email");
        assertThat(errors).extracting(ImportError::lineNo).containsExactly(5L);
        assertThat(errors.get(0).raw()).startsWith("鈴木 次郎,鈴木商店");

        Map<String, Object> takahashi = jdbc.sql("""
                select p.phone, l.expected_users, (a.occurred_at at time zone 'Asia/Tokyo')::date::text as visited
                from person p join lead l on l.person_id = p.id join activity a on a.lead_id = l.id
                where p.email = ? and l.product_id = ?""").params("takahashi." + tag + "@example.jp", product.getId())
                .query().singleRow();
        assertThat(takahashi).containsEntry("phone", "0312345678").containsEntry("expected_users", 120)
                .containsEntry("visited", "2026-11-20");
        assertThat(jdbc.sql("select count(*) from activity where product_id = ?").param(product.getId())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aWorkbookNamingAnExternalEntityNeverReadsIt() throws IOException {
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, "TOPSECRET" + tag);
        byte[] plain = workbook("PLACEHOLDER");
        byte[] hostile = rewriteSharedStrings(plain, xml -> xml
                .replaceFirst("<sst", "<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><sst")
                .replace("PLACEHOLDER", "&xxe;"));

        ImportJob uploaded = jobs.upload(request(), new ByteArrayInputStream(hostile), ProductScope.all());
        ImportJob job;
        try {
            ImportPreview preview = jobs.preview(uploaded.id(), ProductScope.all());
            assertThat(preview.rows().toString()).doesNotContain("TOPSECRET");
            jobs.start(uploaded.id(), preview.mapping(), ProductScope.all());
            job = awaitEnd(uploaded.id());
        } catch (RuntimeException refused) {
            // Refusing the whole file is as good as ignoring the entity; what matters is below.
            job = jobs.get(uploaded.id(), ProductScope.all());
        }
        assertThat(job.message() == null ? "" : job.message()).doesNotContain("TOPSECRET");
        assertThat(jdbc.sql("select count(*) from person where full_name like ?").param("%TOPSECRET%")
                .query(Long.class).single()).isZero();
        List<ImportError> errors = new ArrayList<>();
        jobs.errors(job.id(), ProductScope.all(), errors::add);
        assertThat(errors.toString()).doesNotContain("TOPSECRET");
    }

    private ImportJob awaitEnd(long id) {
        for (int i = 0; i < 900; i++) {
            ImportJob job = jobs.get(id, ProductScope.all());
            if (job.status().isFinished()) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    private static byte[] rewriteSharedStrings(byte[] xlsx, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        Path original = Files.createTempFile("workbook", ".xlsx");
        Files.write(original, xlsx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(original.toFile());
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] content;
                try (var entryIn = in.getInputStream(entry)) {
                    content = entryIn.readAllBytes();
                }
                if (entry.getName().equals("xl/sharedStrings.xml")) {
                    String xml = edit.apply(new String(content, StandardCharsets.UTF_8));
                    assertThat(xml).contains("&xxe;");
                    content = xml.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        Files.delete(original);
        return out.toByteArray();
    }
}
