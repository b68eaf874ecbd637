package jp.nurture.leads.web.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import jp.nurture.leads.core.form.FormDraft;
import jp.nurture.leads.core.form.FormField;
import jp.nurture.leads.core.form.Forms;
import jp.nurture.leads.core.form.LeadForm;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Building forms, and visitors submitting them: what is stored, what is ignored, what is refused. */
@LeadsWebTest
class FormsTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(10);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;
    @Autowired Forms forms;

    @Test
    void theBuilderRefusesAFormWithoutEmailAnUnsafeRedirectAndAnotherProductsEmailType() throws Exception {
        UserDetails marketer = users.loadUserByUsername("marketer");
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        long otherType = jdbc.sql("select min(id) from email_type where product_id = ?")
                .param(DemoLeads.productId(jdbc, "FACTORY-IOT")).query(Long.class).single();

        String page = html(mvc.perform(post("/forms").with(csrf()).with(user(marketer))
                .param("product", String.valueOf(product)).param("name", " ").param("language", "ja"))
                .andExpect(status().isOk()));
        assertThat(page).contains("入力してください。");

        String location = mvc.perform(post("/forms").with(csrf()).with(user(marketer))
                        .param("product", String.valueOf(product)).param("name", "資料請求 SFA").param("language", "ja"))
                .andExpect(status().isFound()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring("/forms/".length()));
        assertThat(html(mvc.perform(get(location).with(user(marketer))).andExpect(status().isOk())))
                .contains("/f/", "/embed", "&lt;iframe");

        for (String unsafe : List.of("javascript:alert(1)", "ftp://example.jp/x", "//evil.example/x", "https://",
                "https://user@evil.example/")) {
            String refused = html(mvc.perform(post(location).with(csrf()).with(user(marketer))
                    .param("version", "0").param("name", "資料請求 SFA").param("language", "ja")
                    .param("channel", "WHITE_PAPER").param("include.full_name", "on")
                    .param("labelJa.full_name", "お名前").param("consent", String.valueOf(otherType))
                    .param("redirectUrl", unsafe)).andExpect(status().isOk()));
            assertThat(refused).as(unsafe).contains("メールアドレスは必須項目として含めてください",
                    "http:// または https:// で始まる完全なアドレス", "この製品のメール種別だけを選べます",
                    // what was typed stays
                    "value=\"お名前\"");
        }
        assertThat(forms.get(id, ProductScope.all()).version()).isZero();

        mvc.perform(post(location).with(csrf()).with(user(marketer)).param("version", "0")
                        .param("name", "資料請求 SFA").param("language", "ja").param("channel", "WHITE_PAPER")
                        .param("sourceDetail", "ホワイトペーパー: コスト削減")
                        .param("include.email", "on").param("required.email", "on")
                        .param("include.budget_yen", "on").param("redirectUrl", "https://example.jp/thanks?x=1"))
                .andExpect(status().isFound()).andExpect(redirectedUrl(location));
        LeadForm saved = forms.get(id, ProductScope.all());
        assertThat(saved.channel()).isEqualTo(Channel.WHITE_PAPER);
        assertThat(saved.fields()).extracting(FormField::key).containsExactly("email", "budget_yen");
        assertThat(saved.redirectUrl()).isEqualTo("https://example.jp/thanks?x=1");

        // A stale version is refused, not silently overwritten.
        assertThat(html(mvc.perform(post(location).with(csrf()).with(user(marketer)).param("version", "0")
                .param("name", "x").param("language", "ja").param("channel", "WEB_FORM")
                .param("include.email", "on").param("required.email", "on")).andExpect(status().isOk())))
                .contains("他の人がこのフォームを先に保存しました");

        // Another product's marketer does not find it, neither by id nor in the list.
        UserDetails accounting = users.loadUserByUsername("marketer-acc");
        mvc.perform(get(location).with(user(accounting))).andExpect(status().isNotFound());
        mvc.perform(post(location).with(csrf()).with(user(accounting)).param("version", "1").param("name", "x"))
                .andExpect(status().isNotFound());
        assertThat(html(mvc.perform(get("/forms").with(user(accounting))).andExpect(status().isOk())))
                .doesNotContain("資料請求 SFA");
    }

    @Test
    void theMarketersOrderIsSavedShownBackInTheBuilderAndFollowedByThePublicPages() throws Exception {
        UserDetails marketer = users.loadUserByUsername("marketer");
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        long id = forms.create(product, "並び替えフォーム", "ja", ProductScope.all(), null);
        String location = "/forms/" + id;

        // full_name and phone tie at 3: catalogue order decides; job_title's box is blank, so it goes last.
        mvc.perform(post(location).with(csrf()).with(user(marketer)).param("version", "0")
                        .param("name", "並び替えフォーム").param("language", "ja").param("channel", "WEB_FORM")
                        .param("include.email", "on").param("required.email", "on").param("order.email", "2")
                        .param("include.full_name", "on").param("order.full_name", "3")
                        .param("include.company", "on").param("order.company", "１")
                        .param("include.phone", "on").param("order.phone", "3")
                        .param("include.job_title", "on").param("order.job_title", "")
                        .param("order.kana", "not asked, so not checked"))
                .andExpect(status().isFound()).andExpect(redirectedUrl(location));
        assertThat(forms.get(id, ProductScope.all()).fields()).extracting(FormField::key)
                .containsExactly("company", "email", "full_name", "phone", "job_title");

        // The builder: asked fields first in that order, numbered afresh, then the others in catalogue order.
        String builder = html(mvc.perform(get(location).with(user(marketer))).andExpect(status().isOk()));
        assertThat(inPageOrder(builder, "id=\"row-", "company", "email", "full_name", "phone", "job_title", "kana",
                "department", "prefecture")).isTrue();
        assertThat(builder).contains("id=\"order-company\" value=\"1\"", "id=\"order-job_title\" value=\"5\"",
                "id=\"order-kana\" value=\"6\"", "/js/form-builder.js");

        LeadForm saved = forms.get(id, ProductScope.all());
        for (String page : List.of("/f/" + saved.publicKey(), "/f/" + saved.publicKey() + "/embed")) {
            String html = html(mvc.perform(get(page)).andExpect(status().isOk()));
            assertThat(inPageOrder(html, "name=\"", "company", "email", "full_name", "phone", "job_title"))
                    .as(page).isTrue();
        }

        // Moving a field again (what the up button does before saving) reorders the saved form.
        mvc.perform(post(location).with(csrf()).with(user(marketer)).param("version", "1")
                        .param("name", "並び替えフォーム").param("language", "ja").param("channel", "WEB_FORM")
                        .param("include.email", "on").param("required.email", "on").param("order.email", "1")
                        .param("include.company", "on").param("order.company", "2"))
                .andExpect(status().isFound());
        assertThat(forms.get(id, ProductScope.all()).fields()).extracting(FormField::key)
                .containsExactly("email", "company");
    }

    @Test
    void aBadOrderIsRefusedWithAFieldErrorInTheMarketersLanguageKeepingWhatWasTyped() throws Exception {
        UserDetails marketer = users.loadUserByUsername("marketer");
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        long id = forms.create(product, "順番エラー", "ja", ProductScope.all(), null);
        String location = "/forms/" + id;

        for (String bad : List.of("abc", "0", "-2", "1000", "99999999999999999999", "2.5")) {
            String page = html(mvc.perform(post(location).with(csrf()).with(user(marketer)).param("version", "0")
                    .param("name", "順番エラー").param("language", "ja").param("channel", "WEB_FORM")
                    .param("include.email", "on").param("required.email", "on").param("order.email", "2")
                    .param("include.company", "on").param("order.company", bad)
                    .param("labelJa.company", "貴社名")).andExpect(status().isOk()));
            assertThat(page).as(bad).contains("順番は 1〜999 の整数で入力してください",
                    "id=\"order-error-company\"", "id=\"order-company\" value=\"" + bad + "\"",
                    "id=\"order-email\" value=\"2\"", "value=\"貴社名\"");
        }
        assertThat(forms.get(id, ProductScope.all()).version()).isZero();

        String english = html(mvc.perform(post(location).with(csrf()).with(user(marketer))
                .cookie(new Cookie("lang", "en")).param("version", "0").param("name", "順番エラー")
                .param("language", "ja").param("channel", "WEB_FORM").param("include.email", "on")
                .param("required.email", "on").param("order.email", "first")).andExpect(status().isOk()));
        assertThat(english).contains("Enter the order as a whole number from 1 to 999",
                "id=\"order-email\" value=\"first\"");
        assertThat(forms.get(id, ProductScope.all()).version()).isZero();
    }

    @Test
    void aSubmissionCreatesTheLeadWithItsChannelActivityAndConsentsAndIgnoresEverythingElse() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        long newsletter = jdbc.sql("select min(id) from email_type where product_id = ?").param(product)
                .query(Long.class).single();
        LeadForm form = form(product, "ja", Channel.WEBINAR, "ウェビナー 2026-12", List.of(newsletter),
                field("email", true), field("full_name", true), field("company", true), field("phone", false),
                field("budget_yen", false), field("timeframe", false));
        long otherLead = DemoLeads.anyLeadIn(jdbc, "NEW_LEAD");
        long someUser = jdbc.sql("select id from app_user where username = 'field'").query(Long.class).single();
        UUID visitor = UUID.randomUUID();

        String thanks = html(mvc.perform(visitorPost("/f/" + form.publicKey())
                        .cookie(new Cookie("_nv", visitor.toString()))
                        .param("email", "Ｗｅｂ." + tag + "@Example.JP").param("full_name", "山田　花子")
                        .param("company", "株式会社フォーム" + tag).param("phone", "０３-１２３４-５６７８")
                        .param("budget_yen", "3,000,000").param("timeframe", "WITHIN_6_MONTHS")
                        .param("consent", String.valueOf(newsletter))
                        // none of these are fields of the form: all ignored
                        .param("owner", String.valueOf(someUser)).param("owner_id", String.valueOf(someUser))
                        .param("score", "999").param("stage", "CONVERTED").param("productId", "1")
                        .param("id", String.valueOf(otherLead)).param("custom:x", "y"))
                .andExpect(status().isOk()));
        assertThat(thanks).contains("お問い合わせありがとうございます");

        Map<String, Object> lead = jdbc.sql("""
                select l.id, l.product_id, l.stage, l.owner_id, l.score, l.source_channel, l.source_detail,
                       l.budget_yen, l.timeframe, p.id as person_id, p.full_name, p.phone, c.name as company
                from lead l join person p on p.id = l.person_id left join company c on c.id = p.company_id
                where p.email = ?""").param("web." + tag + "@example.jp").query().singleRow();
        assertThat(lead).containsEntry("product_id", product).containsEntry("stage", "NEW_LEAD")
                .containsEntry("source_channel", "WEBINAR").containsEntry("source_detail", "ウェビナー 2026-12")
                .containsEntry("budget_yen", 3_000_000L).containsEntry("timeframe", "WITHIN_6_MONTHS")
                .containsEntry("phone", "0312345678").containsEntry("company", "株式会社フォーム" + tag);
        assertThat(lead.get("owner_id")).isNull();
        assertThat((Integer) lead.get("score")).isNotEqualTo(999);
        long leadId = (Long) lead.get("id");
        long personId = (Long) lead.get("person_id");
        assertThat(DemoLeads.stage(jdbc, otherLead)).isEqualTo("NEW_LEAD");

        assertThat(jdbc.sql("""
                select detail->>'form' || ' ' || (detail->>'channel') || ' ' || (detail->>'created')
                from activity where lead_id = ? and type = 'FORM_SUBMITTED'""").param(leadId)
                .query(String.class).list()).containsExactly(form.id() + " WEBINAR true");
        assertThat(jdbc.sql("""
                select status || ' ' || basis || ' ' || source from consent where person_id = ? and email_type_id = ?""")
                .params(personId, newsletter).query(String.class).single())
                .isEqualTo("GRANTED OPT_IN form:" + form.id());
        assertThat(jdbc.sql("select lead_id from visitor where id = ?").param(visitor).query(Long.class).single())
                .isEqualTo(leadId);

        // The same person again, written differently: the same person and lead, one more activity, nothing replaced.
        mvc.perform(visitorPost("/f/" + form.publicKey()).param("email", "web." + tag + "@example.jp")
                        .param("full_name", "Yamada Hanako").param("company", "フォーム" + tag + "（株）")
                        .param("budget_yen", "1"))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from person where email = ?").param("web." + tag + "@example.jp")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type = 'FORM_SUBMITTED'")
                .param(leadId).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select budget_yen from lead where id = ?").param(leadId).query(Long.class).single())
                .isEqualTo(3_000_000L);
        assertThat(forms.get(form.id(), ProductScope.all()).submissions()).isEqualTo(2);
    }

    @Test
    void aBadSubmissionKeepsWhatWasTypedAndExplainsInTheFormsLanguage() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        LeadForm japanese = form(product, "ja", Channel.WEB_FORM, null, List.of(), field("email", true),
                field("full_name", true), field("expected_users", false), field("industry", false));
        String page = html(mvc.perform(visitorPost("/f/" + japanese.publicKey()).param("email", "not-an-address")
                        .param("full_name", "").param("expected_users", "たくさん").param("industry", "NOPE"))
                .andExpect(status().isOk()));
        assertThat(page).contains("正しいメールアドレスを入力してください。", "入力してください。",
                "0 以上の整数を入力してください。", "選択肢から選んでください。", "value=\"not-an-address\"",
                "value=\"たくさん\"");

        LeadForm english = form(product, "en", Channel.WEB_FORM, null, List.of(), field("email", true),
                field("full_name", true));
        String en = html(mvc.perform(visitorPost("/f/" + english.publicKey()).param("email", "bad@" + tag)
                .param("full_name", "Pat")).andExpect(status().isOk()));
        assertThat(en).contains("Enter a valid e-mail address.", "value=\"bad@" + tag + "\"", "value=\"Pat\"",
                "lang=\"en\"");
        // The other language on request.
        assertThat(html(mvc.perform(visitorPost("/f/" + english.publicKey()).param("language", "ja")
                .param("email", "")).andExpect(status().isOk()))).contains("入力してください。");
        assertThat(jdbc.sql("select count(*) from person where email like ?").param("%" + tag + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aFilledHoneypotStoresNothingAndTooManySubmissionsFromOneAddressAreRefused() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LeadForm form = form(DemoLeads.productId(jdbc, "CLOUD-ACC"), "ja", Channel.WEB_FORM, null, List.of(),
                field("email", true));
        assertThat(html(mvc.perform(visitorPost("/f/" + form.publicKey()).param("email", "bot." + tag + "@example.jp")
                .param("website", "http://spam.example")).andExpect(status().isOk())))
                .contains("お問い合わせありがとうございます");
        assertThat(jdbc.sql("select count(*) from person where email = ?").param("bot." + tag + "@example.jp")
                .query(Long.class).single()).isZero();

        // An address of this run only: the limit's counts live in the database, which a rerun may share within
        // the limit's window.
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        RequestPostProcessor oneAddress = address("10." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + ADDRESS.incrementAndGet());
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/f/" + form.publicKey()).with(oneAddress).param("email", ""))
                    .andExpect(status().isOk());
        }
        assertThat(html(mvc.perform(post("/f/" + form.publicKey() + "/embed").with(oneAddress)
                        .param("email", "late." + tag + "@example.jp"))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))))
                .contains("送信が多すぎます");
        assertThat(jdbc.sql("select count(*) from person where email = ?").param("late." + tag + "@example.jp")
                .query(Long.class).single()).isZero();
        // Another address is not affected.
        mvc.perform(visitorPost("/f/" + form.publicKey()).param("email", "ok." + tag + "@example.jp"))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from person where email = ?").param("ok." + tag + "@example.jp")
                .query(Long.class).single()).isEqualTo(1);

        // Oversized bodies are refused unread.
        mvc.perform(visitorPost("/f/" + form.publicKey()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("email=" + "x".repeat(70_000)))
                .andExpect(status().isPayloadTooLarge());
        mvc.perform(visitorPost("/f/" + form.publicKey()).param("need", "x".repeat(70_000)))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    void theEmbedPageMayBeFramedAndAProgressiveFormSkipsWhatAKnownVisitorGave() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        LeadForm form = form(product, "ja", Channel.DOCUMENT_DOWNLOAD, null, List.of(), field("email", true),
                field("full_name", true), field("company", true), field("need", false));
        mvc.perform(get("/f/" + form.publicKey() + "/embed"))
                .andExpect(status().isOk()).andExpect(header().doesNotExist("X-Frame-Options"))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("frame-ancestors *")));
        mvc.perform(get("/f/" + form.publicKey())).andExpect(status().isOk())
                .andExpect(header().string("X-Frame-Options", "DENY"));

        UUID visitor = UUID.randomUUID();
        mvc.perform(visitorPost("/f/" + form.publicKey()).cookie(new Cookie("_nv", visitor.toString()))
                .param("email", "known." + tag + "@example.jp").param("full_name", "既知 太郎")
                .param("company", "既知商事" + tag)).andExpect(status().isOk());
        jdbc.sql("update lead_form set progressive = true where id = ?").param(form.id()).update();

        String again = html(mvc.perform(get("/f/" + form.publicKey()).cookie(new Cookie("_nv", visitor.toString())))
                .andExpect(status().isOk()));
        assertThat(again).contains("name=\"email\"", "name=\"need\"").doesNotContain("name=\"full_name\"",
                "name=\"company\"");
        // Hidden required fields are not demanded; the answer lands on the same lead.
        mvc.perform(visitorPost("/f/" + form.publicKey()).cookie(new Cookie("_nv", visitor.toString()))
                .param("email", "known." + tag + "@example.jp").param("need", "在庫の見える化"))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("""
                select l.need from lead l join person p on p.id = l.person_id where p.email = ? and l.product_id = ?""")
                .params("known." + tag + "@example.jp", product).query(String.class).single())
                .isEqualTo("在庫の見える化");
        // On the company's site the tag hands the visitor id to the embedded form, which sends it along.
        UUID embedded = UUID.randomUUID();
        assertThat(html(mvc.perform(get("/f/" + form.publicKey() + "/embed").param("v", embedded.toString()))
                .andExpect(status().isOk()))).contains("name=\"v\" value=\"" + embedded + "\"");
        mvc.perform(visitorPost("/f/" + form.publicKey() + "/embed").param("v", embedded.toString())
                .param("email", "embedded." + tag + "@example.jp").param("full_name", "埋込 次郎")
                .param("company", "埋込商事" + tag)).andExpect(status().isOk());
        assertThat(jdbc.sql("""
                select p.email from visitor v join lead l on l.id = v.lead_id join person p on p.id = l.person_id
                where v.id = ?""").param(embedded).query(String.class).single())
                .isEqualTo("embedded." + tag + "@example.jp");
        // A visitor nobody knows sees every field.
        assertThat(html(mvc.perform(get("/f/" + form.publicKey()).cookie(new Cookie("_nv", UUID.randomUUID().toString())))
                .andExpect(status().isOk()))).contains("name=\"full_name\"", "name=\"company\"");
    }

    @Test
    void aFormWithARedirectSendsTheVisitorThereAfterStoringTheSubmission() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        long id = forms.create(product, "資料請求", "ja", ProductScope.all(), null);
        forms.update(id, new FormDraft("資料請求", "ja", Channel.DOCUMENT_DOWNLOAD, "導入ガイド",
                List.of(field("email", true)), List.of(), false, null, null, "https://example.jp/guide.pdf?from=form", 0),
                ProductScope.all());
        LeadForm form = forms.get(id, ProductScope.all());
        mvc.perform(visitorPost("/f/" + form.publicKey()).param("email", "guide." + tag + "@example.jp"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("https://example.jp/guide.pdf?from=form"));
        assertThat(jdbc.sql("""
                select l.source_channel from lead l join person p on p.id = l.person_id where p.email = ?""")
                .param("guide." + tag + "@example.jp").query(String.class).single()).isEqualTo("DOCUMENT_DOWNLOAD");
    }

    private LeadForm form(long product, String language, Channel channel, String sourceDetail, List<Long> consents,
            FormField... fields) {
        long id = forms.create(product, "テストフォーム", language, ProductScope.all(), null);
        forms.update(id, new FormDraft("テストフォーム", language, channel, sourceDetail, List.of(fields), consents, false,
                null, null, null, 0), ProductScope.all());
        return forms.get(id, ProductScope.all());
    }

    private static FormField field(String key, boolean required) {
        return new FormField(key, required, "", "");
    }

    /** An anonymous post from an address of its own, so the per-address limit of one test never hits another. */
    private static MockHttpServletRequestBuilder visitorPost(String path) {
        return post(path).with(address("203.0.113." + ADDRESS.incrementAndGet()));
    }

    private static RequestPostProcessor address(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** Whether each {@code prefix + key} occurs in the page, each after the one before. */
    private static boolean inPageOrder(String page, String prefix, String... keys) {
        int at = -1;
        for (String key : keys) {
            int next = page.indexOf(prefix + key + "\"");
            if (next <= at) {
                return false;
            }
            at = next;
        }
        return true;
    }

    private static String html(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
