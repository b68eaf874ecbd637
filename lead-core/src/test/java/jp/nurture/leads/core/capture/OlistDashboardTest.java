package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import jp.nurture.leads.core.report.Dashboards;
import jp.nurture.leads.core.report.Period;
import jp.nurture.leads.core.report.ProductDashboard;
import jp.nurture.leads.core.report.ReportRollup;
import jp.nurture.leads.core.report.ReportTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Olist funnel on the dashboard: after importing the 8,000 leads and the 842 won deals, the won deals per month
 * of the trend are those counted straight from the file's won_date column, and the new leads per channel are the
 * file's origins.
 */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class OlistDashboardTest {

    @Autowired ImportJobs jobs;
    @Autowired ProductCatalog catalog;
    @Autowired ReportRollup rollup;
    @Autowired Dashboards dashboards;

    @Test
    void wonDealsPerMonthAndLeadsPerChannelMatchTheFiles() throws Exception {
        Path leadsFile = OlistImportTest.OLIST.resolve("marketing_qualified_leads.csv");
        Path dealsFile = OlistImportTest.OLIST.resolve("closed_deals.csv");
        Assumptions.assumeTrue(Files.exists(leadsFile), "the Olist files are beside the repository");
        Product product = catalog.create("OD" + UUID.randomUUID().toString().substring(0, 6), "Olist dashboard",
                TargetDefinition.any());
        try (InputStream in = Files.newInputStream(leadsFile)) {
            Imports.run(jobs, new ImportRequest(product.getId(), "Olist MQL", "marketing_qualified_leads.csv", null,
                    Channel.WEB_FORM, null, ActivityType.FORM_SUBMITTED, null, MergePolicy.FILL_EMPTY, null), in,
                    Map.of("mql_id", "external_id", "first_contact_date", "occurred_at", "origin", "channel"));
        }
        try (InputStream in = Files.newInputStream(dealsFile)) {
            Imports.run(jobs, new ImportRequest(product.getId(), "Olist closed deals", "closed_deals.csv", null,
                    Channel.OTHER, null, ActivityType.WON, null, MergePolicy.FILL_EMPTY, null), in,
                    Map.of("mql_id", "external_id", "won_date", "occurred_at"));
        }
        rollup.refreshNow();

        // Counted from the file: won_date is "2018.02.26 19:58", the 5th column.
        Map<String, Long> wonPerMonth = new TreeMap<>();
        List<String> lines = Files.readAllLines(dealsFile, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String wonDate = line.split(";", -1)[4];
            wonPerMonth.merge(wonDate.substring(0, 7).replace('.', '-'), 1L, Long::sum);
        }
        assertThat(wonPerMonth.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(842);

        ProductDashboard december = dashboards.product(product.getId(),
                Period.containing(Period.Kind.MONTH, LocalDate.of(2018, 12, 1)), ProductScope.all());
        ReportTable trend = december.panel("trend_series").orElseThrow();
        long shown = 0;
        for (List<Object> row : trend.rows()) {
            assertThat(trend.cell(row, "won")).as("won in %s", row.get(0))
                    .isEqualTo(wonPerMonth.getOrDefault((String) row.get(0), 0L));
            shown += (Long) trend.cell(row, "won");
        }
        assertThat(shown).isEqualTo(wonPerMonth.entrySet().stream().filter(e -> e.getKey().startsWith("2018"))
                .mapToLong(Map.Entry::getValue).sum()).isPositive();

        // The leads were created by the import, today.
        ProductDashboard now = dashboards.product(product.getId(),
                Period.containing(Period.Kind.MONTH, LocalDate.now(ZoneId.of("Asia/Tokyo"))), ProductScope.all());
        assertThat(now.current().newLeads()).isEqualTo(8000);
        ReportTable channels = now.panel("channels").orElseThrow();
        assertThat(channels.cell(channels.row("channel.SNS"), "new_leads")).isEqualTo(1350L);
        assertThat(channels.cell(channels.row("channel.OWNED_MEDIA"), "new_leads")).isEqualTo(2296L);
        ReportTable funnel = now.panel("funnel").orElseThrow();
        assertThat(funnel.cell(funnel.row("stage.NEW_LEAD"), "leads_now")).isEqualTo(8000L);
    }
}
