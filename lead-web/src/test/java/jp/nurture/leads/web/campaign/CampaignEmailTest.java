package jp.nurture.leads.web.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import jp.nurture.leads.core.campaign.CampaignChannel;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailOutbox;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.campaign.InvalidCampaignInput;
import jp.nurture.leads.core.campaign.NewCampaign;
import jp.nurture.leads.core.campaign.SendStats;
import jp.nurture.leads.core.consent.SuppressionReason;
import jp.nurture.leads.core.product.ProductScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A campaign's email end to end through a real SMTP server (GreenMail): what arrives (sender, footer, RFC 8058
 * headers, escaped merge values, tracked links), what clicking and opening record, and the unsubscribe from one
 * email type of one product — later sends of that type skip the person, other types and products still reach them.
 */
class CampaignEmailTest extends MailTestSupport {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
    static final ProductScope ALL = ProductScope.all();

    @Autowired MockMvc mvc;
    @Autowired Campaigns campaigns;
    @Autowired EmailTemplates templates;
    @Autowired EmailSends sends;
    @Autowired EmailOutbox outbox;

    long productId(String code) {
        return jdbc.sql("select id from product where code = ?").param(code).query(Long.class).single();
    }

    long campaign(String productCode, String name, Integer rate) {
        return campaigns.create(new NewCampaign(productId(productCode), name, CampaignChannel.EMAIL, null, null, null,
                null, null, rate), ALL);
    }

    long template(String productCode, String type, String subject) {
        return templates.create(productId(productCode), emailType(productCode, type), type + " " + subject, subject,
                "<html><body><p>{{name}} 様 ({{company}})</p><p>${T(java.lang.Runtime).getRuntime()}</p>"
                        + "<p><a href=\"https://example.jp/case?id=1&amp;x=2\">事例</a></p></body></html>",
                "{{name}} 様\n詳しくは https://example.jp/case?id=1 をご覧ください。\n", ALL);
    }

    @Test
    void anUnsubscribeFromOneTypeOfOneProductStopsOnlyThatType() throws Exception {
        List<Long> hanako = person("花子 <b>太字</b>", "hanako.mail@example.jp", "SFA-CLOUD", "CLOUD-ACC");
        List<Long> noConsent = person("同意なし", "no.consent.mail@example.jp", "SFA-CLOUD");
        optIn(hanako.get(0), "SFA-CLOUD", "NEWSLETTER", "SEMINAR");
        optIn(hanako.get(1), "CLOUD-ACC", "NEWSLETTER");

        long sfa = campaign("SFA-CLOUD", "ニュースレター 12月", null);
        campaigns.addLeads(sfa, List.of(hanako.get(0), noConsent.get(0)), "list", ALL);
        long newsletter = template("SFA-CLOUD", "NEWSLETTER", "{{name}} 様へ SFA ニュース");
        long first = sends.issue(sfa, newsletter, null, ALL);
        outbox.deliverDue();

        List<MimeMessage> got = to("hanako.mail@example.jp");
        assertThat(got).hasSize(1);
        assertThat(to("no.consent.mail@example.jp")).isEmpty();
        MimeMessage mail = got.get(0);
        // A name with markup is text in the subject and escaped in the HTML.
        assertThat(mail.getSubject()).isEqualTo("花子 <b>太字</b> 様へ SFA ニュース");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("marketing@nurture.example");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isNotBlank();
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribeHeader = mail.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribeHeader).startsWith("<http://localhost:8080/m/u/").endsWith(">");
        String html = part(mail, "text/html");
        String text = part(mail, "text/plain");
        assertThat(html).contains("花子 &lt;b&gt;太字&lt;/b&gt; 様").doesNotContain("<b>太字")
                .contains("${T(java.lang.Runtime).getRuntime()}")
                .contains("marketing@nurture.example").contains("東京都千代田区").contains("配信停止")
                .doesNotContain("https://example.jp/case");
        assertThat(text).contains("花子 <b>太字</b> 様").contains("marketing@nurture.example").contains("配信停止")
                .doesNotContain("https://example.jp/case");
        assertThat(links(html, 'c')).hasSize(1);
        assertThat(links(text, 'c')).hasSize(1);
        assertThat(links(html, 'p')).isNotEmpty().allMatch(links(html, 'p').get(0)::equals);

        SendStats stats = sends.ofSend(first, ALL);
        assertThat(stats.sent()).isEqualTo(1);
        assertThat(stats.skipped()).isEqualTo(1);

        // The click lands on the signed destination, identifies the browser and goes on the timeline.
        MvcResult click = mvc.perform(get(links(html, 'c').get(0)).header("User-Agent", BROWSER))
                .andExpect(status().isFound()).andReturn();
        assertThat(click.getResponse().getRedirectedUrl()).startsWith("https://example.jp/case?id=1&x=2")
                .contains("_nv=");
        mvc.perform(get(links(html, 'o').get(0)).header("User-Agent", BROWSER)).andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_GIF));
        mvc.perform(get(links(html, 'o').get(0)).header("User-Agent", BROWSER)).andExpect(status().isOk());
        assertThat(activities(hanako.get(0), "EMAIL_CLICKED")).isEqualTo(1);
        assertThat(activities(hanako.get(0), "EMAIL_OPENED")).isEqualTo(1);
        assertThat(activities(hanako.get(0), "EMAIL_SENT")).isEqualTo(1);
        stats = sends.ofSend(first, ALL);
        assertThat(stats.opens()).isEqualTo(1);
        assertThat(stats.clicks()).isEqualTo(1);

        // A tampered link gets a page, not a redirect, a change or a 500.
        String unsubscribe = unsubscribeHeader.substring("<http://localhost:8080".length(),
                unsubscribeHeader.length() - 1);
        String tampered = unsubscribe.substring(0, unsubscribe.length() - 3)
                + (unsubscribe.endsWith("AAA") ? "BBB" : "AAA");
        mvc.perform(post(tampered)).andExpect(status().isBadRequest());
        mvc.perform(get(links(html, 'c').get(0).replace("/m/c/", "/m/u/"))).andExpect(status().isBadRequest());

        // A plain GET (a mail scanner) only shows what would stop.
        mvc.perform(get(unsubscribe)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("unsubscribe-form")));
        assertThat(consents.mayReceive(personOf(hanako.get(0)), emailType("SFA-CLOUD", "NEWSLETTER"))).isTrue();
        // The one-click POST: no session, no cookie, no CSRF token.
        mvc.perform(post(unsubscribe).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("List-Unsubscribe=One-Click")).andExpect(status().isOk());
        assertThat(consents.mayReceive(personOf(hanako.get(0)), emailType("SFA-CLOUD", "NEWSLETTER"))).isFalse();
        assertThat(sends.ofSend(first, ALL).unsubscribes()).isEqualTo(1);

        // Later: the same type of the same product skips her; another type and another product still reach her.
        long again = sends.issue(sfa, newsletter, null, ALL);
        long seminar = sends.issue(sfa, template("SFA-CLOUD", "SEMINAR", "セミナーのご案内"), null, ALL);
        long acc = campaign("CLOUD-ACC", "会計ニュース", null);
        campaigns.addLeads(acc, List.of(hanako.get(1)), "list", ALL);
        long accNews = sends.issue(acc, template("CLOUD-ACC", "NEWSLETTER", "会計ニュース"), null, ALL);
        outbox.deliverDue();
        assertThat(to("hanako.mail@example.jp")).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("花子 <b>太字</b> 様へ SFA ニュース", "セミナーのご案内", "会計ニュース");
        assertThat(sends.ofSend(again, ALL).skipped()).isEqualTo(2);
        assertThat(sends.ofSend(seminar, ALL).sent()).isEqualTo(1);
        assertThat(sends.ofSend(accNews, ALL).sent()).isEqualTo(1);
    }

    @Test
    void thePreferencePageShowsEveryTypeAndTheGlobalOptOutStopsEverything() throws Exception {
        List<Long> taro = person("太郎", "taro.prefs@example.jp", "SFA-CLOUD", "CLOUD-ACC");
        optIn(taro.get(0), "SFA-CLOUD", "NEWSLETTER");
        optIn(taro.get(1), "CLOUD-ACC", "CASE_STUDY");
        long sfa = campaign("SFA-CLOUD", "設定テスト", null);
        campaigns.addLeads(sfa, List.of(taro.get(0)), "list", ALL);
        sends.issue(sfa, template("SFA-CLOUD", "NEWSLETTER", "設定テスト"), null, ALL);
        outbox.deliverDue();
        String html = part(to("taro.prefs@example.jp").get(0), "text/html");
        String preferences = links(html, 'p').get(0);

        String page = mvc.perform(get(preferences)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("営業支援 SFA").contains("クラウド会計 Pro").contains("t***@example.jp")
                .doesNotContain("taro.prefs@example.jp");
        long sfaCase = emailType("SFA-CLOUD", "CASE_STUDY");
        mvc.perform(post(preferences).param("type", String.valueOf(sfaCase))
                        .param("type", String.valueOf(emailType("CLOUD-ACC", "CASE_STUDY"))))
                .andExpect(status().isFound());
        long person = personOf(taro.get(0));
        assertThat(consents.mayReceive(person, emailType("SFA-CLOUD", "NEWSLETTER"))).isFalse();
        assertThat(consents.mayReceive(person, sfaCase)).isTrue();

        mvc.perform(post(preferences).param("nothing", "1")).andExpect(status().isFound());
        assertThat(consents.isSuppressed("taro.prefs@example.jp")).isTrue();
        assertThat(consents.mayReceive(person, emailType("CLOUD-ACC", "CASE_STUDY"))).isFalse();
        mvc.perform(get("/m/p/not-a-token")).andExpect(status().isBadRequest());
    }

    @Test
    void aCampaignRateLimitHoldsBackWhatExceedsItAndAHardBounceIsSuppressed() {
        List<Long> a = person("レートA", "rate.a@example.jp", "FACTORY-IOT");
        List<Long> b = person("レートB", "rate.b@example.jp", "FACTORY-IOT");
        optIn(a.get(0), "FACTORY-IOT", "NEWSLETTER");
        optIn(b.get(0), "FACTORY-IOT", "NEWSLETTER");
        long limited = campaign("FACTORY-IOT", "毎分1通", 1);
        campaigns.addLeads(limited, List.of(a.get(0), b.get(0)), "list", ALL);
        long send = sends.issue(limited, template("FACTORY-IOT", "NEWSLETTER", "レート"), null, ALL);
        outbox.deliverDue();
        SendStats stats = sends.ofSend(send, ALL);
        assertThat(stats.sent()).isEqualTo(1);
        assertThat(stats.pending()).isEqualTo(1);
        clock.advance(java.time.Duration.ofMinutes(2));
        outbox.deliverDue();
        assertThat(sends.ofSend(send, ALL).sent()).isEqualTo(2);

        // An address on the suppression list never gets anything, whatever its consent says.
        List<Long> c = person("抑止", "suppressed.mail@example.jp", "FACTORY-IOT");
        optIn(c.get(0), "FACTORY-IOT", "NEWSLETTER");
        consents.suppress("suppressed.mail@example.jp", SuppressionReason.HARD_BOUNCE, "test");
        long other = campaign("FACTORY-IOT", "抑止テスト", null);
        campaigns.addLeads(other, List.of(c.get(0)), "list", ALL);
        long suppressedSend = sends.issue(other, template("FACTORY-IOT", "NEWSLETTER", "抑止"), null, ALL);
        outbox.deliverDue();
        assertThat(sends.ofSend(suppressedSend, ALL).skipped()).isEqualTo(1);
        assertThat(to("suppressed.mail@example.jp")).isEmpty();
    }

    @Test
    void templatesRefuseLineBreaksInSubjectsUnescapedValuesAndBrokenSyntax() {
        long product = productId("SFA-CLOUD");
        long type = emailType("SFA-CLOUD", "NEWSLETTER");
        assertThatThrownBy(() -> templates.create(product, type, "x", "件名\r\nBcc: all@example.jp", "<p>x</p>", "x",
                ALL)).isInstanceOf(InvalidCampaignInput.class).hasMessage("template.invalid.newline");
        assertThatThrownBy(() -> templates.create(product, type, "x", "件名", "<p>{{{name}}}</p>", "x", ALL))
                .isInstanceOf(InvalidCampaignInput.class).hasMessage("template.invalid.unescaped");
        assertThatThrownBy(() -> templates.create(product, type, "x", "件名", "<p>{{#name}}</p>", "x", ALL))
                .isInstanceOf(InvalidCampaignInput.class).hasMessage("template.invalid.syntax");
        assertThatThrownBy(() -> templates.create(product, emailType("CLOUD-ACC", "NEWSLETTER"), "x", "件名",
                "<p>x</p>", "x", ALL)).isInstanceOf(InvalidCampaignInput.class)
                .hasMessage("template.invalid.emailType");
    }

    private long activities(long lead, String type) {
        return jdbc.sql("select count(*) from activity where lead_id = ? and type = ?").params(lead, type)
                .query(Long.class).single();
    }
}
