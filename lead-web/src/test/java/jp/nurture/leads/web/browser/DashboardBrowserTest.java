package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.report.ReportRollup;
import jp.nurture.leads.web.DemoCampaigns;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A marketer opens the dashboards in a real browser: the company-wide comparison, then a product's dashboard with
 * its charts drawn by the static script (no inline scripts), switched to weekly through the URL-kept filter.
 */
@LeadsWebTest
class DashboardBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ReportRollup rollup;
    @Autowired ActivityLog activities;
    @Autowired Campaigns campaigns;
    @Autowired EmailTemplates templates;
    @Autowired EmailSends sends;

    @Test
    void aMarketerReadsTheDashboardsWithChartsAndTables() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        DemoCampaigns.seed(jdbc, campaigns, templates, sends, activities);
        rollup.refreshNow();
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        try (Browser browser = Browser.open(port)) {
            browser.signIn("marketer", "demo1234");
            browser.find(By.id("nav-reports")).click();
            assertThat(browser.find(By.id("table-products")).getText()).contains("クラウド会計 Pro");
            browser.screenshot("reports-company");

            // With many products (other tests add some) the button may sit below the fold; a click is what the user does.
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView(); arguments[0].click()",
                    browser.find(By.id("report-product-" + product)));
            assertThat(browser.find(By.id("report-title")).getText()).contains("PDCAダッシュボード");
            assertThat(browser.find(By.id("table-funnel")).getText()).contains("ニューリード");
            browser.waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "return !!window.Chart && !!Chart.getChart(document.getElementById('chart-funnel'))")));
            browser.screenshot("reports-dashboard-month");
            assertThat(browser.find(By.id("table-campaigns")).getText()).contains(DemoCampaigns.SEMINAR_CAMPAIGN);
            assertThat(browser.find(By.id("table-email_sends")).getText()).contains("セミナーのご案内");
            browser.waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "return !!Chart.getChart(document.getElementById('chart-campaigns'))"
                            + " && !!Chart.getChart(document.getElementById('chart-email_types'))")));

            new Select(browser.find(By.id("report-period"))).selectByValue("week");
            browser.waiting().until(d -> d.getCurrentUrl().contains("period=week"));
            assertThat(browser.find(By.id("table-trend_series")).getText()).contains("-");
            browser.waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "return !!window.Chart && !!Chart.getChart(document.getElementById('chart-hot_weekly'))")));
            browser.screenshot("reports-dashboard-week");
        }
    }
}
