package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A marketer, in a real browser, builds a webinar sign-up form, moving the phone field up; a visitor fills in the
 * public page, which asks the fields in that order, and ticks the newsletter box; the marketer then finds the
 * visitor as a lead that came through the webinar.
 */
@LeadsWebTest
class FormBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aMarketerBuildsAFormAndAVisitorsSubmissionBecomesALeadWithItsChannel() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "webinar." + tag + "@example.jp";

        try (Browser browser = Browser.open(port)) {
            browser.signIn("marketer", "demo1234");
            browser.find(By.id("nav-forms")).click();
            browser.find(By.id("form-new")).click();
            new Select(browser.find(By.id("product"))).selectByVisibleText("クラウド会計 Pro");
            browser.find(By.id("name")).sendKeys("ウェビナー申込 " + tag);
            browser.find(By.id("form-create")).submit();

            browser.find(By.id("form-builder"));
            new Select(browser.find(By.id("channel"))).selectByValue("WEBINAR");
            browser.find(By.id("sourceDetail")).sendKeys("ウェビナー 2026-12");
            click(browser, browser.find(By.id("include-phone")));
            // Phone stands below the unasked kana; two presses put it above company.
            click(browser, browser.find(By.id("up-phone")));
            click(browser, browser.find(By.id("up-phone")));
            assertThat(browser.find(By.id("order-phone")).getAttribute("value")).isEqualTo("3");
            assertThat(browser.find(By.id("order-company")).getAttribute("value")).isEqualTo("4");
            click(browser, browser.driver().findElements(By.cssSelector("input[name=consent]")).get(0));
            browser.find(By.id("thankYouJa")).sendKeys("お申し込みありがとうございました。");
            browser.screenshot("form-builder");
            browser.find(By.id("form-builder")).submit();
            assertThat(browser.find(By.id("flash-message")).getText()).contains("保存しました");
            assertThat(browser.find(By.id("embed-snippet")).getAttribute("value")).contains("<iframe", "/embed");
            assertThat(browser.driver().findElements(By.cssSelector("#form-fields tr.field-row")).stream().limit(4)
                    .map(row -> row.getAttribute("id")).toList())
                    .containsExactly("row-email", "row-full_name", "row-phone", "row-company");
            assertThat(browser.find(By.id("up-email")).isEnabled()).as("the first row cannot go up").isFalse();
            assertThat(browser.find(By.id("down-email")).isEnabled()).isTrue();
            assertThat(browser.find(By.id("up-phone")).isEnabled()).isTrue();
            String publicUrl = browser.find(By.id("public-url")).getAttribute("href");

            // The visitor: a fresh browser state, no sign-in.
            browser.driver().manage().deleteAllCookies();
            browser.driver().get(publicUrl);
            assertThat(browser.driver().findElements(By.cssSelector("#public-form [id^=field-]")).stream()
                    .map(field -> field.getAttribute("id")).toList())
                    .containsExactly("field-email", "field-full_name", "field-phone", "field-company");
            browser.find(By.id("field-email")).sendKeys("not-an-address");
            browser.find(By.id("field-full_name")).sendKeys("申込 花子");
            click(browser, browser.find(By.id("form-submit")));
            assertThat(browser.find(By.id("error-email")).getText()).contains("正しいメールアドレス");
            assertThat(browser.find(By.id("field-full_name")).getAttribute("value")).isEqualTo("申込 花子");
            browser.find(By.id("field-email")).clear();
            browser.find(By.id("field-email")).sendKeys(email);
            browser.find(By.id("field-company")).sendKeys("株式会社ウェビナー" + tag);
            browser.find(By.id("field-phone")).sendKeys("03-1111-2222");
            click(browser, browser.driver().findElements(By.cssSelector("input[name=consent]")).get(0));
            browser.screenshot("form-public");
            click(browser, browser.find(By.id("form-submit")));
            assertThat(browser.find(By.id("form-thanks")).getText()).isEqualTo("お申し込みありがとうございました。");

            // The marketer finds the lead, with the channel it came through.
            browser.signIn("marketer", "demo1234");
            browser.go("/leads?q=" + tag);
            browser.find(By.cssSelector("#lead-table .lead-row a")).click();
            String detail = browser.find(By.tagName("main")).getText();
            assertThat(detail).contains("申込 花子", "ウェビナー", "ウェビナー 2026-12");
            browser.screenshot("form-lead");
        }
        assertThat(jdbc.sql("""
                select l.source_channel from lead l join person p on p.id = l.person_id where p.email = ?""")
                .param(email).query(String.class).single()).isEqualTo("WEBINAR");
        assertThat(jdbc.sql("""
                select count(*) from consent c join person p on p.id = c.person_id
                where p.email = ? and c.status = 'GRANTED' and c.basis = 'OPT_IN'""")
                .param(email).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * Scrolls the element to the middle of the window first (the builder is taller than the headless window), at
     * once rather than smoothly, and tries again while something still lies over it.
     */
    private static void click(Browser browser, WebElement element) {
        browser.waiting().ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
            ((JavascriptExecutor) d).executeScript(
                    "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
            element.click();
            return true;
        });
    }
}
