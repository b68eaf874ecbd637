package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.nurture.leads.core.campaign.EmailOutbox;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.segment.Condition;
import jp.nurture.leads.core.segment.SegmentField;
import jp.nurture.leads.core.segment.SegmentOperator;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.web.campaign.MailTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 6's story in a real browser, with the mail tests' real SMTP server (GreenMail): a marketer creates a campaign for the IoT
 * product from a segment, writes a newsletter and sends it; the person clicks the tracked link in the message they
 * received (their timeline and the campaign's stats show one unique click) and unsubscribes from the newsletter on
 * the confirmation page; the next newsletter skips them while a seminar invitation of the same product still
 * reaches them.
 */
class CampaignBrowserTest extends MailTestSupport {

    @LocalServerPort int port;
    @Autowired Segments segments;
    @Autowired EmailTemplates templates;
    @Autowired EmailOutbox outbox;

    @Test
    void aMarketerSendsACampaignThePersonClicksAndUnsubscribesFromOneEmailType() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "campaign." + tag + "@example.jp";
        long product = jdbc.sql("select id from product where code = 'FACTORY-IOT'").query(Long.class).single();
        long person = jdbc.sql("insert into person (full_name, email) values (?, ?) returning id")
                .params("配信 花子", email).query(Long.class).single();
        long lead = jdbc.sql("""
                insert into lead (person_id, product_id, stage, source_channel)
                values (?, ?, 'NEW_LEAD', 'WEB_FORM') returning id""").params(person, product)
                .query(Long.class).single();
        consents.grant(person, emailType("FACTORY-IOT", "NEWSLETTER"), ConsentBasis.OPT_IN, "web form");
        consents.grant(person, emailType("FACTORY-IOT", "SEMINAR"), ConsentBasis.OPT_IN, "web form");
        long segment = segments.create("配信テスト " + tag, new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.FieldIs(SegmentField.LEAD_PRODUCT, SegmentOperator.EQUALS, String.valueOf(product)),
                new Condition.FieldIs(SegmentField.PERSON_EMAIL, SegmentOperator.CONTAINS, tag))), null);
        String newsletterSubject = "{{name}} 様へ IoT ニュース " + tag;
        String seminarSubject = "IoT セミナーのご案内 " + tag;

        try (Browser browser = Browser.open(port)) {
            // Headless Chromium calls itself HeadlessChrome, which counts as a robot and is not tracked.
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setUserAgentOverride",
                    Map.of("userAgent", TrackingAndSegmentsBrowserTest.DESKTOP_CHROME));
            browser.signIn("marketer", "demo1234");

            // The campaign, its members from the segment.
            browser.go("/campaigns");
            new Select(browser.find(By.id("c-product"))).selectByValue(String.valueOf(product));
            browser.find(By.id("c-name")).sendKeys("IoT ニュースレター " + tag);
            new Select(browser.find(By.id("c-channel"))).selectByValue("EMAIL");
            click(browser, By.id("campaign-create"));
            browser.waiting().until(ExpectedConditions.textToBe(By.id("campaign-name"), "IoT ニュースレター " + tag));
            String campaignPath = browser.driver().getCurrentUrl().replaceAll("^https?://[^/]+", "");
            long campaign = Long.parseLong(campaignPath.replaceAll(".*/campaigns/(\\d+).*", "$1"));
            new Select(browser.find(By.id("member-segment"))).selectByValue(String.valueOf(segment));
            click(browser, By.id("add-segment"));
            browser.waiting().until(d -> d.findElement(By.id("members")).getText().contains("配信 花子"));

            // A newsletter written in the browser, then sent from the campaign page.
            browser.go("/email-templates/new?product=" + product);
            browser.find(By.id("t-name")).sendKeys("IoT ニュース " + tag);
            new Select(browser.find(By.id("t-type")))
                    .selectByValue(String.valueOf(emailType("FACTORY-IOT", "NEWSLETTER")));
            browser.find(By.id("t-subject")).sendKeys(newsletterSubject);
            browser.find(By.id("t-html")).clear();
            browser.find(By.id("t-html")).sendKeys("<p>{{name}} 様</p><p><a href=\"http://localhost:" + port
                    + "/t/test-site/iot/a.html\">導入事例を見る</a></p>");
            browser.find(By.id("t-text")).clear();
            browser.find(By.id("t-text")).sendKeys("{{name}} 様\n導入事例: http://localhost:" + port
                    + "/t/test-site/iot/a.html\n");
            click(browser, By.id("template-save"));
            browser.find(By.id("flash-message"));
            long newsletter = Long.parseLong(browser.driver().getCurrentUrl()
                    .replaceAll(".*/email-templates/(\\d+).*", "$1"));
            browser.go(campaignPath);
            new Select(browser.find(By.id("send-template"))).selectByValue(String.valueOf(newsletter));
            click(browser, By.id("send-issue"));
            browser.find(By.cssSelector("#send-stats tbody tr"));
            outbox.deliverDue();

            List<MimeMessage> received = to(email);
            assertThat(received).extracting(MimeMessage::getSubject)
                    .containsExactly("配信 花子 様へ IoT ニュース " + tag);
            String html = part(received.get(0), "text/html");
            assertThat(html).doesNotContain("/t/test-site/iot/a.html");
            List<String> clicks = links(html, 'c');
            assertThat(clicks).hasSize(1);

            // The person clicks the tracked link twice: the site opens, and one unique click is counted.
            browser.go(clicks.get(0));
            browser.waiting().until(ExpectedConditions.titleIs("IoT導入事例"));
            browser.go(clicks.get(0));
            browser.waiting().until(ExpectedConditions.titleIs("IoT導入事例"));
            browser.go("/leads/" + lead);
            assertThat(browser.find(By.id("timeline")).getText()).contains("メール内リンクのクリック", "メール送信");
            browser.go(campaignPath);
            WebElement row = sendRow(browser, "IoT ニュース " + tag);
            assertThat(row.findElement(By.className("sent")).getText()).isEqualTo("1");
            assertThat(row.findElement(By.className("clicks")).getText()).isEqualTo("1");
            browser.screenshot("campaign-stats");

            // The unsubscribe link from the message: a confirmation page first, then the confirmed stop.
            List<String> unsubscribes = links(received.get(0).getHeader("List-Unsubscribe")[0], 'u');
            assertThat(unsubscribes).isNotEmpty();
            browser.go(unsubscribes.get(0));
            assertThat(browser.find(By.id("unsubscribe-target")).getText()).contains("ニュースレター");
            assertThat(consents.mayReceive(person, emailType("FACTORY-IOT", "NEWSLETTER"))).isTrue();
            browser.screenshot("campaign-unsubscribe");
            click(browser, By.id("unsubscribe-confirm"));
            browser.find(By.id("unsubscribed"));
            assertThat(consents.mayReceive(person, emailType("FACTORY-IOT", "NEWSLETTER"))).isFalse();

            // Later: the next newsletter skips the person; a seminar invitation of the same product still arrives.
            long seminar = templates.create(product, emailType("FACTORY-IOT", "SEMINAR"), "IoT セミナー " + tag,
                    seminarSubject, "<p>{{name}} 様</p>", "{{name}} 様\n", ProductScope.all());
            browser.go(campaignPath);
            new Select(browser.find(By.id("send-template"))).selectByValue(String.valueOf(newsletter));
            click(browser, By.id("send-issue"));
            awaitSends(browser, 2);
            new Select(browser.find(By.id("send-template"))).selectByValue(String.valueOf(seminar));
            click(browser, By.id("send-issue"));
            awaitSends(browser, 3);
            outbox.deliverDue();

            assertThat(to(email)).extracting(MimeMessage::getSubject)
                    .containsExactlyInAnyOrder("配信 花子 様へ IoT ニュース " + tag, seminarSubject);
            browser.go(campaignPath);
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#send-stats tbody tr"));
            assertThat(rows).hasSize(3);
            // Newest first: the seminar invitation, the second newsletter, the first newsletter.
            assertThat(rows.get(0).getText()).contains(seminarSubject);
            assertThat(rows.get(0).findElement(By.className("sent")).getText()).isEqualTo("1");
            assertThat(rows.get(1).getText()).contains(newsletterSubject);
            assertThat(rows.get(1).findElement(By.className("sent")).getText()).isEqualTo("0");
            assertThat(rows.get(1).findElement(By.className("skipped")).getText()).isEqualTo("1");
            assertThat(rows.get(2).findElement(By.className("unsubscribes")).getText()).isEqualTo("1");
            browser.screenshot("campaign-later-sends");
            assertThat(jdbc.sql("select count(*) from email_outbox o join email_send s on s.id = o.send_id"
                    + " where s.campaign_id = ? and o.lead_id = ?").params(campaign, lead).query(Long.class)
                    .single()).isEqualTo(3);
        }
    }

    private static void awaitSends(Browser browser, int count) {
        browser.waiting().until(d -> d.findElements(By.cssSelector("#send-stats tbody tr")).size() == count);
    }

    /** The row of the campaign's send whose subject starts with the template's subject (rows show raw subjects). */
    private static WebElement sendRow(Browser browser, String text) {
        return browser.waiting().until(d -> d.findElements(By.cssSelector("#send-stats tbody tr")).stream()
                .filter(r -> r.getText().contains(text)).findFirst().orElse(null));
    }

    /**
     * Scrolls the element to the middle of the window first, at once rather than smoothly, and tries again while
     * something still lies over it or the page is replaced under it.
     */
    private static void click(Browser browser, By by) {
        browser.waiting().ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class).until(d -> {
                    WebElement element = d.findElement(by);
                    ((JavascriptExecutor) d).executeScript(
                            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
                    element.click();
                    return true;
                });
    }
}
