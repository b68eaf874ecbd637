package jp.nurture.leads.web.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.report.ReportRollup;
import jp.nurture.leads.web.DemoCampaigns;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The dashboard pages: product scope, the plan's editor with its errors, the win-rate warning, CSV. */
@LeadsWebTest
class DashboardPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;
    @Autowired ReportRollup rollup;
    @Autowired Campaigns campaigns;
    @Autowired EmailTemplates templates;
    @Autowired EmailSends sends;
    @Autowired ActivityLog activities;

    @Test
    void aProductScopedMarketerSeesOnlyTheirProduct() throws Exception {
        var limited = user(users.loadUserByUsername("marketer-acc"));
        long own = DemoLeads.productId(jdbc, "CLOUD-ACC");
        long other = DemoLeads.productId(jdbc, "SFA-CLOUD");
        mvc.perform(get("/reports/products/" + own).with(limited)).andExpect(status().isOk());
        mvc.perform(get("/reports/products/" + other).with(limited)).andExpect(status().isNotFound());
        mvc.perform(get("/reports/products/" + other + "/export/all").with(limited)).andExpect(status().isNotFound());
        mvc.perform(get("/reports/products/" + other + "/plan").with(limited)).andExpect(status().isNotFound());
        mvc.perform(post("/reports/products/" + other + "/plan").with(limited).with(csrf())
                .param("targetWinRate", "40")).andExpect(status().isNotFound());
        String company = mvc.perform(get("/reports").with(limited)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(company).contains("report-product-" + own).doesNotContain("report-product-" + other);
    }

    @Test
    void thePlanIsEditedWithClearErrorsAndShownAgainstActuals() throws Exception {
        var marketer = user(users.loadUserByUsername("marketer"));
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        String refused = mvc.perform(post("/reports/products/" + product + "/plan").with(marketer).with(csrf())
                        .param("kpiNewLeads", "many").param("targetWinRate", "130").param("goal", "新規商談の創出"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("form-errors", "0から10,000,000までの整数", "1から100までの整数", "新規商談の創出");

        mvc.perform(post("/reports/products/" + product + "/plan").with(marketer).with(csrf())
                        .param("buyingJourney", "EXHIBITION", "SEMINAR").param("pathToInquiry", "展示会→事例DL→問い合わせ")
                        .param("goal", "新規商談の創出").param("scenario", "製造業×部長以上")
                        .param("kpiNewLeads", "１２０").param("kpiHandOffs", "10").param("targetWinRate", "100"))
                .andExpect(status().isFound());
        rollup.refreshNow();
        String page = mvc.perform(get("/reports/products/" + product + "?period=month").with(marketer))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("展示会→事例DL→問い合わせ", "製造業×部長以上", "table-plan", "120", "chart-funnel",
                "data-report-chart", "/js/reports.js").doesNotContain("<script>");
        // A target of 100% is below any real record: the warning shows whenever something was handed off.
        long handedOff = jdbc.sql("select coalesce(sum(handed_off), 0) from report_daily where product_id = ?"
                + " and day >= date_trunc('month', now() at time zone 'Asia/Tokyo')").param(product)
                .query(Long.class).single();
        long won = jdbc.sql("select coalesce(sum(won), 0) from report_daily where product_id = ?"
                + " and day >= date_trunc('month', now() at time zone 'Asia/Tokyo')").param(product)
                .query(Long.class).single();
        assertThat(page.contains("report-win-warning")).isEqualTo(handedOff > 0 && won < handedOff);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'NURTURE_PLAN_SAVED' and subject_id = ?")
                .param(product).query(Long.class).single()).isPositive();
    }

    @Test
    void badFiltersFallBackWithAMessageNeverAnError() throws Exception {
        var marketer = user(users.loadUserByUsername("marketer"));
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        String page = mvc.perform(get("/reports/products/" + product + "?period=year&on=2026-13-45").with(marketer))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("report-filter-error");
    }

    @Test
    void campaignAndEmailPanelsShowWithTablesChartsAndCsvInBothLanguages() throws Exception {
        DemoCampaigns.seed(jdbc, campaigns, templates, sends, activities);
        rollup.refreshNow();
        var marketer = user(users.loadUserByUsername("marketer"));
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        String on = jdbc.sql("select (min(added_at) at time zone 'Asia/Tokyo')::date::text from campaign_member m"
                + " join campaign c on c.id = m.campaign_id where c.name = ?")
                .param(DemoCampaigns.SEMINAR_CAMPAIGN).query(String.class).single();
        String page = mvc.perform(get("/reports/products/" + product + "?period=month&on=" + on).with(marketer))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("panel-campaigns", "chart-campaigns", "table-campaigns", "csv-campaigns",
                DemoCampaigns.SEMINAR_CAMPAIGN, "セミナー・ウェビナー", "ROI(受注金額÷費用)",
                "240.0%", "350,000円", "87,500円", "175,000円", "table-email_types", "chart-email_sends",
                "セミナーのご案内", "セミナー・イベントのご案内", "66.7%", "25.0%", "リード単価");
        byte[] body = mvc.perform(get("/reports/products/" + product + "/export/campaigns?period=month&on=" + on)
                .with(marketer)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(csv).contains("キャンペーン,施策チャネル,リード(期間内に参加)", DemoCampaigns.SEMINAR_CAMPAIGN
                + ",セミナー・ウェビナー,4,3,2,1,840000,350000,87500,175000,240.0");
        String english = new String(mvc.perform(get("/reports/products/" + product + "/export/email_sends?period=month&on="
                        + on).with(marketer).cookie(new jakarta.servlet.http.Cookie("lang", "en"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(english).contains("Subject,Issued on,E-mail type", "セミナーのご案内", "Seminar and event invitations",
                "3,1,25.0,2,66.7,1,33.3,1");
        String company = mvc.perform(get("/reports?period=month&on=" + on).with(marketer)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(company).contains("費用", "ROI(受注金額÷費用)");
    }

    @Test
    void csvHasABomAndNeutralisesFormulaText() throws Exception {
        var admin = user(users.loadUserByUsername("admin"));
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        long lead = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "WORKING_UNTOUCHED", 0);
        jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                values (?, ?, 'RETURNED', now(), '{"reason": "=HYPERLINK(\\"x\\")"}')""").params(lead, product).update();
        rollup.refreshNow();
        byte[] body = mvc.perform(get("/reports/products/" + product + "/export/return_reasons?period=month")
                .with(admin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain("\n=HYPERLINK");
        String all = new String(mvc.perform(get("/reports/products/" + product + "/export/all").with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(all).contains("ステージ", "チャネル", "受注率");
    }
}
