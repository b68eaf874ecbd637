package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.web.LeadsWebTest;
import jp.nurture.leads.web.routing.RoutingFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hand-off journey in a real browser: inside sales converts a lead on the board; the field-sales owner the
 * area rule names finds it in the queue and returns it with a reason; inside sales sees it back in stage 3. An
 * existing customer's lead goes to its account owner, who accepts it and records it as won.
 */
@LeadsWebTest
class HandOffBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired RoutingFixtures fixtures;

    @Test
    void convertedLeadReachesTheAreaOwnerWhoReturnsItToStageThree() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        long product = fixtures.productId("CLOUD-ACC");
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.MIYAGI, Industry.FINANCE, null, Stage.WORKING_CONNECTED);
        try (Browser browser = Browser.open(port)) {
            browser.signIn("inside", "demo1234");
            browser.go("/board?product=" + product + "&channel=OTHER");
            WebElement card = browser.find(By.cssSelector("#column-WORKING_CONNECTED #card-" + lead));
            card.findElement(By.cssSelector("button[data-target='CONVERTED']")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#column-CONVERTED #card-" + lead + " .sla-badge")));
            assertThat(browser.find(By.cssSelector("#card-" + lead + " .sla-badge")).getText()).isEqualTo("受け入れ待ち");
            assertThat(browser.find(By.cssSelector("#card-" + lead)).getText()).contains("東北営業 一郎");
            browser.screenshot("handoff-board-converted");

            long handOff = jdbc.sql("select id from hand_off where lead_id = ? and status = 'OPEN'").param(lead)
                    .query(Long.class).single();
            assertThat(jdbc.sql("select rule_name from hand_off where id = ?").param(handOff).query(String.class)
                    .single()).isEqualTo("東北エリア");

            browser.find(By.id("logout")).click();
            browser.signIn("field-tohoku", "demo1234");
            browser.find(By.id("nav-handoffs")).click();
            WebElement card2 = browser.find(By.id("handoff-" + handOff));
            assertThat(card2.getText()).contains("東北エリア", "エリア「北海道・東北」");
            browser.screenshot("handoff-queue");
            new Select(card2.findElement(By.name("reason"))).selectByVisibleText("予算が未確定");
            card2.findElement(By.name("note")).sendKeys("来期予算で再検討");
            new Select(card2.findElement(By.name("backTo"))).selectByValue("WORKING_CONNECTED");
            card2.findElement(By.cssSelector(".return-button")).click();
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("インサイドセールスに差し戻しました。");
            assertThat(browser.driver().findElements(By.id("handoff-" + handOff))).isEmpty();

            browser.find(By.id("logout")).click();
            browser.signIn("inside", "demo1234");
            browser.go("/board?product=" + product + "&channel=OTHER");
            browser.find(By.cssSelector("#column-WORKING_CONNECTED #card-" + lead));
            assertThat(browser.find(By.id("today-returned")).getText()).contains("予算が未確定 — 来期予算で再検討");
            browser.go("/leads/" + lead);
            assertThat(browser.find(By.id("lead-stage")).getText()).isEqualTo("ワーキング(コネクティッド)");
            assertThat(browser.find(By.id("timeline")).getText())
                    .contains("営業へ振り分け", "東北営業 一郎 · 東北エリア", "差し戻し", "予算が未確定 — 来期予算で再検討");
            browser.screenshot("handoff-returned-timeline");
        }
        assertThat(fixtures.stage(lead)).isEqualTo("WORKING_CONNECTED");
    }

    @Test
    void existingCustomerGoesToItsAccountOwnerWhoAcceptsAndWins() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.OSAKA, Industry.RETAIL, "field", Stage.CONVERTED);
        long handOff = jdbc.sql("select id from hand_off where lead_id = ? and status = 'OPEN'").param(lead)
                .query(Long.class).single();
        try (Browser browser = Browser.open(port)) {
            browser.signIn("field", "demo1234");
            browser.go("/handoffs");
            WebElement card = browser.find(By.id("handoff-" + handOff));
            assertThat(card.getText()).contains("既存顧客 → アカウント担当");
            card.findElement(By.cssSelector(".accept-button")).click();
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("引き渡しを受け入れました。");

            card = browser.find(By.id("handoff-" + handOff));
            card.findElement(By.name("amount")).sendKeys("3,600,000");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("arguments[0].value = '2026-12-01'", card.findElement(By.name("on")));
            card.findElement(By.cssSelector(".won-button")).click();
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("受注を記録しました。");
            browser.screenshot("handoff-won");

            browser.go("/leads/" + lead);
            assertThat(browser.find(By.id("timeline")).getText()).contains("受注", "3,600,000 / 2026-12-01", "受け入れ");
        }
        assertThat(jdbc.sql("select status || ':' || won_amount_yen from hand_off where id = ?").param(handOff)
                .query(String.class).single()).isEqualTo("WON:3600000");
        assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type in ('ACCEPTED', 'WON')")
                .param(lead).query(Long.class).single()).isEqualTo(2);
    }
}
