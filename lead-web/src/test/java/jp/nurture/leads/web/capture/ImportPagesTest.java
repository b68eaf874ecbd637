package jp.nurture.leads.web.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** A marketer imports a Shift_JIS visitor list through the pages; errors come back in the reader's language. */
@LeadsWebTest
class ImportPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    @Test
    void aShiftJisListImportsAndItsFailedRowsDownloadInJapanese() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        String csv = "氏名,会社名,メール,来場日\r\n"
                + "髙橋 一郎,㈱展示" + tag + ",taka." + tag + "@example.jp,2026/11/20\r\n"
                + "髙橋 一郎,展示" + tag + "株式会社,TAKA." + tag + "@EXAMPLE.JP,2026/11/20\r\n"
                + "壊れた 行,展示" + tag + ",broken@,2026/11/20\r\n";
        UserDetails marketer = users.loadUserByUsername("marketer");
        MockMultipartFile file = new MockMultipartFile("file", "visitors.csv", "text/csv",
                csv.getBytes(Charset.forName("windows-31j")));

        String location = mvc.perform(multipart("/imports").file(file).with(csrf()).with(user(marketer))
                        .param("product", String.valueOf(product)).param("sourceName", "IT Week " + tag)
                        .param("channel", "EXHIBITION").param("sourceDetail", "IT Week 秋")
                        .param("activityType", "EXHIBITION_ATTENDED").param("eventDate", "2026-11-20")
                        .param("mergePolicy", "FILL_EMPTY").param("charset", ""))
                .andExpect(status().isFound()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/imports/\\d+/mapping");
        long id = Long.parseLong(location.split("/")[2]);

        String mapping = mvc.perform(get(location).with(user(marketer))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(mapping).contains("windows-31j", "㈱展示" + tag);

        mvc.perform(post(location).with(csrf()).with(user(marketer)).param("column0", "full_name")
                .param("column1", "company").param("column2", "email").param("column3", "occurred_at"))
                .andExpect(status().isFound());
        awaitDone(id);

        String page = mvc.perform(get("/imports/" + id).with(user(marketer))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("完了", "id=\"count-created\">1<", "id=\"count-unchanged\">1<",
                "id=\"count-failed\">1<");
        String errors = mvc.perform(get("/imports/" + id + "/errors.csv").with(user(marketer)))
                .andExpect(status().isOk()).andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(errors).contains("行,理由,元の行", "4,メールアドレスの形式が正しくありません: broken@,");
        assertThat(jdbc.sql("select source_detail from lead l join person p on p.id = l.person_id where p.email = ?")
                .param("taka." + tag + "@example.jp").query(String.class).single()).isEqualTo("IT Week 秋");

        // Another product's marketer does not see it; an unknown id is not found either.
        UserDetails accounting = users.loadUserByUsername("marketer-acc");
        long other = DemoLeads.productId(jdbc, "FACTORY-IOT");
        jdbc.sql("update import_job set product_id = ? where id = ?").params(other, id).update();
        mvc.perform(get("/imports/" + id).with(user(accounting))).andExpect(status().isNotFound());
        mvc.perform(get("/imports/999999999").with(user(marketer))).andExpect(status().isNotFound());
    }

    @Test
    void aWorkbookOfBusinessCardsImportsWithTheirConsent() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        long newsletter = jdbc.sql("select id from email_type where product_id = ? and code = 'NEWSLETTER'")
                .param(product).query(Long.class).single();
        java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(xlsx, "test", "1.0");
        org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("名刺");
        ws.value(0, 0, "氏名");
        ws.value(0, 1, "会社名");
        ws.value(0, 2, "メール");
        ws.value(1, 0, "名刺 太郎");
        ws.value(1, 1, "名刺商事" + tag);
        ws.value(1, 2, "card." + tag + "@example.jp");
        wb.finish();
        UserDetails marketer = users.loadUserByUsername("marketer");
        MockMultipartFile file = new MockMultipartFile("file", "cards.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.toByteArray());

        String location = mvc.perform(multipart("/imports").file(file).with(csrf()).with(user(marketer))
                        .param("product", String.valueOf(product)).param("sourceName", "名刺 " + tag)
                        .param("channel", "EXHIBITION").param("activityType", "EXHIBITION_ATTENDED")
                        .param("eventDate", "2026-11-20").param("mergePolicy", "FILL_EMPTY").param("charset", ""))
                .andExpect(status().isFound()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.split("/")[2]);
        String mapping = mvc.perform(get(location).with(user(marketer))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(mapping).contains("Excel ブック", "名刺商事" + tag, "name=\"businessCard\"",
                "value=\"" + newsletter + "\"");

        mvc.perform(post(location).with(csrf()).with(user(marketer)).param("column0", "full_name")
                .param("column1", "company").param("column2", "email")
                .param("businessCard", String.valueOf(newsletter)))
                .andExpect(status().isFound());
        awaitDone(id);

        String page = mvc.perform(get("/imports/" + id).with(user(marketer))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"count-created\">1<", "名刺による同意を記録したメール種別");
        assertThat(jdbc.sql("""
                select c.basis || ' ' || c.source from consent c join person p on p.id = c.person_id
                where p.email = ? and c.email_type_id = ?""").params("card." + tag + "@example.jp", newsletter)
                .query(String.class).single()).isEqualTo("BUSINESS_CARD import:" + id);
    }

    @Test
    void anUploadWithoutFileOrSourceComesBackWithErrors() throws Exception {
        String page = mvc.perform(multipart("/imports").with(csrf()).with(user(users.loadUserByUsername("marketer")))
                        .param("product", String.valueOf(DemoLeads.productId(jdbc, "CLOUD-ACC")))
                        .param("sourceName", "").param("channel", "EXHIBITION")
                        .param("activityType", "EXHIBITION_ATTENDED").param("mergePolicy", "FILL_EMPTY")
                        .param("eventDate", "not-a-date"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("ファイルを選んでください。", "is-invalid");
    }

    private void awaitDone(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String status = jdbc.sql("select status from import_job where id = ?").param(id).query(String.class).single();
            if (status.equals("DONE")) {
                return;
            }
            assertThat(status).isIn("QUEUED", "RUNNING");
            Thread.sleep(100);
        }
        throw new AssertionError("import did not finish");
    }
}
