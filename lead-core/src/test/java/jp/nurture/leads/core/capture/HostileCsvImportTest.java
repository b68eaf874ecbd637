package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated exhibition list in which valid rows carry markup, SQL, LIKE wildcards and spreadsheet formulas in
 * their text, and broken rows carry control characters, bytes that are not UTF-8, wrong column counts, bad
 * e-mail addresses, impossible dates and huge cells: the import finishes, every valid row arrives with its text
 * kept as text, and every other row is in the error file.
 */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class HostileCsvImportTest {

    private static final long SEED = Long.getLong("hostile.seed", System.nanoTime());
    private static final List<String> TEXT = List.of("<script>alert(1)</script>", "' OR '1'='1", "'; drop table lead; --",
            "100%_off", "=cmd|' /C calc'!A0", "+81", "-1", "@SUM(A1)", "${T(java.lang.Runtime)}", "{{7*7}}", "髙橋",
            "①", "㈱", "\ud83d\ude00", "\"quoted\"", "a,b", "line\nbreak");

    @Autowired ImportJobs jobs;
    @Autowired ProductCatalog catalog;
    @Autowired JdbcClient jdbc;

    @Test
    void everyValidRowArrivesAndEveryBrokenRowIsReported() throws Exception {
        Random random = new Random(SEED);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Product product = catalog.create("H" + tag, "敵対的入力テスト", TargetDefinition.any());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        line(file, "氏名,会社名,メールアドレス,部署,来場日");
        List<String> validEmails = new ArrayList<>();
        List<String> departments = new ArrayList<>();
        int broken = 0;
        for (int i = 0; i < 400; i++) {
            String email = "hostile" + i + "." + tag + "@example.jp";
            if (random.nextInt(3) > 0) {
                String department = TEXT.get(random.nextInt(TEXT.size())) + TEXT.get(random.nextInt(TEXT.size()));
                line(file, String.join(",", quote("試験 " + TEXT.get(random.nextInt(TEXT.size()))),
                        quote("株式会社" + TEXT.get(random.nextInt(TEXT.size())) + i + tag), email,
                        quote(department), "2026/11/20"));
                validEmails.add(email);
                // A department is one line: a line break inside the quoted cell becomes a space.
                departments.add(department.replace('\n', ' '));
                continue;
            }
            broken++;
            switch (random.nextInt(5)) {
                case 0 -> line(file, "列が,足りない");
                case 1 -> {
                    // Control characters are Excel damage, not a reason to lose the row: they are dropped.
                    line(file, "試験,会社" + i + ",ctl\u0000" + i + "." + tag + "@example.jp,営\u0000業\u0007部,2026/11/20");
                    validEmails.add("ctl" + i + "." + tag + "@example.jp");
                    departments.add("営業部");
                    broken--;
                }
                case 2 -> line(file, "試験,会社" + i + ",not-an-address" + i + ",,2026/11/20");
                case 3 -> line(file, "試験,会社" + i + "," + email + ",,2026/13/45");
                default -> {
                    file.write(("試験,会社" + i + ",").getBytes(StandardCharsets.UTF_8));
                    // A cell of bytes that are no UTF-8 at all, in a row with no valid address.
                    file.write(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x81});
                    line(file, ",,2026/11/20");
                }
            }
        }
        ImportRequest request = new ImportRequest(product.getId(), "Hostile " + tag, "hostile.csv",
                StandardCharsets.UTF_8, Channel.EXHIBITION, "IT Week", ActivityType.EXHIBITION_ATTENDED,
                LocalDate.of(2026, 11, 20), MergePolicy.OVERWRITE, null);
        ImportJob uploaded = jobs.upload(request, new ByteArrayInputStream(file.toByteArray()), ProductScope.all());
        ImportPreview preview = jobs.preview(uploaded.id(), ProductScope.all());
        jobs.start(uploaded.id(), preview.mapping(), ProductScope.all());
        ImportJob done = Imports.awaitFinished(jobs, uploaded.id());

        String seed = "seed " + SEED + " (-Dhostile.seed=" + SEED + " reproduces)";
        assertThat(done.created()).as(seed).isEqualTo(validEmails.size());
        assertThat(done.failed()).as(seed).isEqualTo(broken);
        for (int i = 0; i < validEmails.size(); i++) {
            List<String> stored = jdbc.sql("""
                    select p.department from person p join lead l on l.person_id = p.id
                    where l.product_id = ? and p.email = ?""").params(product.getId(), validEmails.get(i))
                    .query(String.class).list();
            assertThat(stored).as(seed + " " + validEmails.get(i)).containsExactly(departments.get(i));
        }
        assertThat(jdbc.sql("select count(*) from lead where product_id = ?").param(product.getId())
                .query(Long.class).single()).as(seed).isEqualTo(validEmails.size());
    }

    private static void line(ByteArrayOutputStream file, String text) {
        file.writeBytes((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
}
