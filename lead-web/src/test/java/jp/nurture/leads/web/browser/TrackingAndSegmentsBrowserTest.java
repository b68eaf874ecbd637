package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.segment.SegmentAudience;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.core.tracking.HitBuffer;
import jp.nurture.leads.core.tracking.TopicRules;
import jp.nurture.leads.core.tracking.TrackedLinks;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole story in a real browser: a visitor browses the IoT product's site anonymously, clicks a tracked link,
 * browses three pages, and the lead's timeline shows every view; then a marketer builds both seed segments with
 * live counts, saves them and downloads the CSV.
 */
@LeadsWebTest
class TrackingAndSegmentsBrowserTest {

    /** Headless Chromium names itself HeadlessChrome, which the tracking rightly treats as a robot. */
    static final String DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/150.0.0.0 Safari/537.36";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TrackedLinks links;
    @Autowired TopicRules topics;
    @Autowired HitBuffer buffer;
    @Autowired Segments segments;
    @Autowired SegmentAudience audience;

    @Test
    void visitorLandsViaTrackedLinkAndMarketerSegmentsAndExports() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        topics.add(product, "/t/test-site/iot/*", "IoT");
        long lead = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "NEW_LEAD", 2);
        // This visitor also met us at last year's exhibition (recorded by the event team's import).
        jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                values (?, ?, 'EXHIBITION_ATTENDED',
                        make_timestamptz(extract(year from now() at time zone 'Asia/Tokyo')::int - 1, 10, 20, 10, 0, 0,
                                         'Asia/Tokyo'), '{"source": "展示会: スマート工場 EXPO"}')""")
                .params(lead, product).update();
        try (Browser browser = Browser.open(port)) {
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setUserAgentOverride",
                    Map.of("userAgent", DESKTOP_CHROME));

            // Two pages before anyone knows who this is.
            browser.go("/t/test-site/iot/intro.html?p=" + product);
            browser.waiting().until(ExpectedConditions.titleIs("導入の流れ"));
            browser.find(By.id("next")).click();
            browser.waiting().until(ExpectedConditions.titleIs("製品概要"));

            // The tracked link from an e-mail, then three pages of the site.
            String token = links.sign(lead, "http://localhost:" + port + "/t/test-site/iot/a.html");
            browser.go("/t/c/" + token);
            browser.waiting().until(ExpectedConditions.titleIs("IoT導入事例"));
            browser.waiting().until(d -> !d.getCurrentUrl().contains("_nv="));
            browser.find(By.id("next")).click();
            browser.waiting().until(ExpectedConditions.titleIs("生産ラインの見える化"));
            browser.find(By.id("next")).click();
            browser.waiting().until(ExpectedConditions.titleIs("料金プラン"));
            browser.screenshot("tracking-site-page");

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (pageViews(lead) < 5 && System.nanoTime() < deadline) {
                buffer.flush();
                Thread.sleep(100);
            }
            assertThat(pageViews(lead)).isEqualTo(5);
            assertThat(jdbc.sql("select count(*) from anonymous_page_view where detail->>'url' like ?")
                    .param("%/t/test-site/iot/%").query(Long.class).single()).isZero();

            browser.signIn("marketer", "demo1234");
            browser.go("/leads/" + lead);
            String timeline = browser.find(By.id("timeline")).getText();
            assertThat(timeline).contains("/t/test-site/iot/intro.html", "/t/test-site/iot/overview.html",
                    "/t/test-site/iot/a.html", "/t/test-site/iot/b.html", "/t/test-site/iot/c.html", "ページ閲覧");
            browser.screenshot("tracking-lead-timeline");

            // Seed 001: attended last year's exhibition AND viewed our site in the last month.
            browser.go("/segments/new");
            browser.find(By.id("segment-name")).sendKeys("昨年の展示会 × 直近1か月のサイト閲覧");
            addCondition(browser, "add:0:field", "n.0.0.field");
            choose(browser, "n.0.0.field", "LEAD_PRODUCT");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("select[name='n.0.0.value'] option[value='" + product + "']")));
            choose(browser, "n.0.0.value", String.valueOf(product));
            addCondition(browser, "add:0:activity", "n.0.1.activityType");
            choose(browser, "n.0.1.activityType", "EXHIBITION_ATTENDED");
            choose(browser, "n.0.1.window", "LAST_CALENDAR_YEAR");
            browser.waiting().until(d -> d.findElements(By.name("n.0.1.days")).isEmpty());
            addCondition(browser, "add:0:activity", "n.0.2.activityType");
            choose(browser, "n.0.2.activityType", "PAGE_VIEWED");
            type(browser, "n.0.2.days", "30");
            long exhibitionCount = segments.count(Segments.exhibitionThenWeb(product), ProductScope.all());
            assertThat(exhibitionCount).isPositive();
            awaitCount(browser, exhibitionCount);
            browser.screenshot("segment-exhibition-builder");
            browser.find(By.id("segment-save")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("flash-message"), "セグメントを保存しました。"));
            assertThat(browser.find(By.id("count-value")).getText()).isEqualTo(String.valueOf(exhibitionCount));
            long exhibitionSegment = Long.parseLong(browser.driver().getCurrentUrl()
                    .replaceAll(".*/segments/(\\d+).*", "$1"));
            assertThat(audience.leadIds(exhibitionSegment)).contains(lead);

            // Seed 003: viewed 5 or more pages about IoT in the last 3 months.
            browser.go("/segments/new");
            browser.find(By.id("segment-name")).sendKeys("IoT ページを3か月で5回以上");
            addCondition(browser, "add:0:field", "n.0.0.field");
            choose(browser, "n.0.0.field", "LEAD_PRODUCT");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("select[name='n.0.0.value'] option[value='" + product + "']")));
            choose(browser, "n.0.0.value", String.valueOf(product));
            addCondition(browser, "add:0:activity", "n.0.1.activityType");
            choose(browser, "n.0.1.activityType", "PAGE_VIEWED");
            type(browser, "n.0.1.atLeast", "5");
            type(browser, "n.0.1.days", "90");
            type(browser, "n.0.1.topic", "IoT");
            long topicCount = segments.count(Segments.topicReader(product, "IoT"), ProductScope.all());
            assertThat(topicCount).isPositive();
            awaitCount(browser, topicCount);
            browser.find(By.id("segment-save")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("flash-message"), "セグメントを保存しました。"));
            browser.screenshot("segment-topic-saved");
            long segmentId = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/segments/(\\d+).*", "$1"));
            assertThat(audience.leadIds(segmentId)).contains(lead).hasSize((int) topicCount);

            // The CSV the export button downloads, fetched with the marketer's session.
            String href = browser.find(By.id("export-utf8")).getAttribute("href");
            String csv = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(r => r.arrayBuffer())
                        .then(b => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)));""", href);
            assertThat(csv).startsWith("\uFEFFlead_id,name,kana,company");
            String email = jdbc.sql("select p.email from lead l join person p on p.id = l.person_id where l.id = ?")
                    .param(lead).query(String.class).single();
            assertThat(csv).contains(email);
            assertThat(csv.lines().count()).isEqualTo(topicCount + 1);
        }
    }

    private long pageViews(long lead) {
        return jdbc.sql("""
                select count(*) from activity where lead_id = ? and type = 'PAGE_VIEWED'
                and detail->>'url' like ? and detail->'topics' @> '["IoT"]'""")
                .params(lead, "%/t/test-site/iot/%").query(Long.class).single();
    }

    private static void addCondition(Browser browser, String action, String appears) {
        browser.find(By.cssSelector("button[value='" + action + "']")).click();
        browser.find(By.name(appears));
        settle(browser);
    }

    private static void choose(Browser browser, String name, String value) {
        settle(browser);
        new Select(browser.find(By.name(name))).selectByValue(value);
        settle(browser);
        browser.waiting().until(d -> value.equals(new Select(d.findElement(By.name(name)))
                .getFirstSelectedOption().getAttribute("value")));
    }

    private static void type(Browser browser, String name, String text) {
        settle(browser);
        WebElement input = browser.find(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    private static void settle(Browser browser) {
        browser.waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling');"));
    }

    private static void awaitCount(Browser browser, long expected) {
        browser.waiting().until(d -> {
            List<WebElement> value = d.findElements(By.id("count-value"));
            return !value.isEmpty() && value.get(0).getText().equals(String.valueOf(expected));
        });
    }
}
