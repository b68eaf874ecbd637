package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.web.LeadsWebTest;
import jp.nurture.leads.web.scoring.ScoringTestProducts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A marketer, in a real browser, edits a rule of a product's model (a mistake first, shown in place), saves it,
 * sees the product's leads rescored, and reads on a lead page why the lead has its score.
 */
@LeadsWebTest
class ScoringBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProductCatalog catalog;
    @Autowired Companies companies;
    @Autowired People people;
    @Autowired LeadService leads;

    private static void save(Browser browser) {
        // The value list's suggestions may cover the button; a click on it is what the marketer does.
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].click()", browser.find(By.id("model-save")));
    }

    @Test
    void aMarketerEditsARuleAndSeesTheLeadsRescoredAndExplained() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        ScoringTestProducts products = new ScoringTestProducts(catalog, companies, people, leads, jdbc);
        long product = products.productWithLeads();
        long finance = products.leadIn(product, "FINANCE");
        assertThat(products.fit(finance)).isEqualTo(1);
        try (Browser browser = Browser.open(port)) {
            browser.signIn("marketer", "demo1234");
            browser.find(By.id("nav-scoring")).click();
            browser.go("/products/" + product + "/scoring");
            browser.screenshot("scoring-model-before");

            // The first empty row: finance companies are worth 12 points — typed wrongly first.
            WebElement row = browser.find(By.id("rule-12"));
            new Select(row.findElement(By.name("rules[12].criterion"))).selectByValue("INDUSTRY");
            row.findElement(By.name("rules[12].value")).sendKeys("FINANCE");
            row.findElement(By.name("rules[12].points")).sendKeys("12x");
            save(browser);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
            assertThat(browser.find(By.id("rule-12")).getText() + browser.find(By.cssSelector("#rule-12 .invalid-feedback")).getText())
                    .contains("整数");

            WebElement points = browser.find(By.name("rules[12].points"));
            points.clear();
            points.sendKeys("12");
            browser.find(By.id("note")).sendKeys("金融業を重視");
            save(browser);

            assertThat(browser.find(By.id("rescored")).getText()).contains("バージョン 2", "再スコア");
            assertThat(products.fit(finance)).isEqualTo(13);
            assertThat(browser.find(By.id("versions")).getText()).contains("v2", "金融業を重視", "v1");
            browser.screenshot("scoring-model-saved");

            browser.go("/leads/" + finance);
            WebElement explanation = browser.find(By.id("score-explanation"));
            assertThat(explanation.getText()).contains("スコア 13", "業種: 金融", "+12", "役職: 担当", "+1", "モデル v2");
            assertThat(browser.find(By.id("next-action")).getText()).isEqualTo("次: 電話");
            browser.find(By.id("score-history"));
            Object drawn = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return Chart.getChart('score-history').data.datasets[0].data.length");
            assertThat(((Number) drawn).intValue()).isGreaterThanOrEqualTo(2);
            browser.screenshot("scoring-lead-explanation");
        }
    }
}
