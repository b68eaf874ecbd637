package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inside sales, in a real browser, signs in and moves a lead on the stage board (htmx swaps the board). */
@LeadsWebTest
class StageBoardBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void insideSalesMovesALeadForwardOnTheBoard() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn("inside", "demo1234");
            assertThat(browser.find(By.id("home-title")).getText()).contains("インサイド 健");

            browser.find(By.id("nav-board")).click();
            browser.go("/board?product=" + product);
            WebElement card = browser.find(By.cssSelector("#column-NEW_LEAD .lead-card"));
            String cardId = card.getAttribute("id");
            long lead = Long.parseLong(card.getAttribute("data-lead"));
            browser.screenshot("stage-board-before");

            card.findElement(By.cssSelector("button[data-target='WORKING_UNTOUCHED']")).click();

            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("board-message")));
            browser.find(By.cssSelector("#column-WORKING_UNTOUCHED #" + cardId));
            assertThat(browser.driver().findElements(By.cssSelector("#column-NEW_LEAD #" + cardId))).isEmpty();
            assertThat(browser.find(By.id("board-message")).getText()).isEqualTo("ステージを変更しました。");
            assertThat(DemoLeads.stage(jdbc, lead)).isEqualTo("WORKING_UNTOUCHED");
            browser.screenshot("stage-board-after");

            browser.go("/leads/" + lead);
            assertThat(browser.find(By.id("timeline")).getText()).contains("ステージ変更", "インサイド 健");
        }
    }

    @Test
    void aCardsToolsLoadWhenOpenedAndLogACall() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        try (Browser browser = Browser.open(port)) {
            browser.signIn("inside", "demo1234");
            browser.go("/board?product=" + product);
            WebElement card = browser.find(By.cssSelector("#column-WORKING_UNTOUCHED .lead-card"));
            long lead = Long.parseLong(card.getAttribute("data-lead"));
            assertThat(card.findElements(By.cssSelector(".contact-form"))).isEmpty();

            card.findElement(By.cssSelector(".card-tools summary")).click();
            WebElement form = browser.waiting().until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                    By.id("card-" + lead), By.cssSelector(".contact-form"))).get(0);
            form.findElement(By.name("text")).sendKeys("予算は来期に確定とのこと");
            form.findElement(By.cssSelector("button[type=submit]")).click();

            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("board-message")));
            assertThat(browser.find(By.id("board-message")).getText()).isEqualTo("タイムラインに記録しました。");
            assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type = 'CALL' and detail::text like ?")
                    .params(lead, "%予算は来期に確定とのこと%").query(Long.class).single()).isEqualTo(1);
        }
    }
}
