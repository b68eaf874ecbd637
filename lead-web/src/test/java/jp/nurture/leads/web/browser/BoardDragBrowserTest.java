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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Inside sales drags a card to the next column; the move is the same stage transition the buttons make. */
@LeadsWebTest
class BoardDragBrowserTest {

    @LocalServerPort int port;
    @Autowired RoutingFixtures fixtures;

    @Test
    void draggingACardToAnotherColumnMovesTheLead() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        long product = fixtures.productId("SFA-CLOUD");
        long lead = fixtures.lead("SFA-CLOUD", Prefecture.KYOTO, Industry.IT, null, Stage.NEW_LEAD);
        try (Browser browser = Browser.open(port)) {
            browser.signIn("inside", "demo1234");
            browser.go("/board?product=" + product + "&channel=OTHER");
            WebElement card = browser.find(By.cssSelector("#column-NEW_LEAD #card-" + lead + " .small"));
            WebElement target = browser.find(By.cssSelector("#column-WORKING_UNTOUCHED .cards"));
            new Actions(browser.driver()).clickAndHold(card).pause(200).moveByOffset(20, 10).pause(200)
                    .moveToElement(target).pause(300).release().perform();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#board-message")));
            browser.find(By.cssSelector("#column-WORKING_UNTOUCHED #card-" + lead));
            browser.screenshot("board-dragged");
        }
        assertThat(fixtures.stage(lead)).isEqualTo("WORKING_UNTOUCHED");
    }
}
