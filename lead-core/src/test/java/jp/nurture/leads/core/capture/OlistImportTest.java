package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real Olist B2B funnel export (UTF-8 with BOM, CRLF, ';', YYYY.MM.DD dates): 8,000 leads keyed by mql_id
 * with their origin as channel, then the 842 won deals as WON activities on those same leads.
 */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class OlistImportTest {

    static final Path OLIST = Path.of(System.getProperty("olist.dir", "../../shared/data/olist"));

    @Autowired ImportJobs jobs;
    @Autowired ProductCatalog catalog;
    @Autowired JdbcClient jdbc;

    @Test
    void theLeadsFileBecomesEightThousandLeadsAndTheWonDealsTheirOutcomes() throws Exception {
        Path leadsFile = OLIST.resolve("marketing_qualified_leads.csv");
        Assumptions.assumeTrue(Files.exists(leadsFile), "the Olist files are beside the repository");
        Product product = catalog.create("OL" + UUID.randomUUID().toString().substring(0, 6), "Olist marketplace",
                TargetDefinition.any());
        ImportRequest leads = new ImportRequest(product.getId(), "Olist MQL", "marketing_qualified_leads.csv", null,
                Channel.WEB_FORM, null, ActivityType.FORM_SUBMITTED, null, MergePolicy.FILL_EMPTY, null);

        ImportJob uploaded = jobs.upload(leads, Files.newInputStream(leadsFile), ProductScope.all());
        ImportPreview preview = jobs.preview(uploaded.id(), ProductScope.all());
        assertThat(preview.separator()).isEqualTo(';');
        assertThat(preview.header()).containsExactly("mql_id", "first_contact_date", "landing_page_id", "origin");
        assertThat(preview.mapping()).containsEntry("mql_id", "external_id")
                .containsEntry("first_contact_date", "occurred_at").containsEntry("origin", "channel");
        jobs.start(uploaded.id(), preview.mapping(), ProductScope.all());
        ImportJob done = Imports.awaitFinished(jobs, uploaded.id());

        assertThat(done.created()).isEqualTo(8000);
        assertThat(done.failed()).isZero();
        assertThat(count("select count(*) from lead where product_id = ?", product.getId())).isEqualTo(8000);
        assertThat(count("select count(*) from lead where product_id = ? and source_channel = 'SNS'"
                + " and source_detail = 'Social'", product.getId())).isEqualTo(1350);
        assertThat(count("select count(*) from lead where product_id = ? and source_channel = 'AD'", product.getId()))
                .isEqualTo(1586 + 118);
        assertThat(count("select count(*) from lead where product_id = ? and source_channel = 'OWNED_MEDIA'",
                product.getId())).isEqualTo(2296);
        assertThat(count("select count(*) from activity where product_id = ? and type = 'FORM_SUBMITTED'",
                product.getId())).isEqualTo(8000);
        assertThat(jdbc.sql("""
                select to_char(a.occurred_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') from activity a
                join lead l on l.id = a.lead_id join person p on p.id = l.person_id
                where p.external_id = 'dac32acd4db4c29c230538b72f8dd87d' and a.type = 'FORM_SUBMITTED'
                  and a.product_id = ?""")
                .param(product.getId()).query(String.class).single()).isEqualTo("2018-02-01");

        try (InputStream won = Files.newInputStream(OLIST.resolve("closed_deals.csv"))) {
            ImportJob deals = Imports.run(jobs, new ImportRequest(product.getId(), "Olist closed deals",
                    "closed_deals.csv", null, Channel.OTHER, null, ActivityType.WON, null, MergePolicy.FILL_EMPTY,
                    null), won, Map.of("mql_id", "external_id", "won_date", "occurred_at"));
            assertThat(deals.created()).isZero();
            assertThat(deals.failed()).isZero();
            assertThat(deals.created() + deals.updated() + deals.unchanged()).isEqualTo(842);
        }
        assertThat(count("select count(*) from activity where product_id = ? and type = 'WON'", product.getId()))
                .isEqualTo(842);
        assertThat(count("select count(*) from lead where product_id = ?", product.getId())).isEqualTo(8000);

        // The same file again: nobody new, no second submission on anyone's timeline.
        ImportJob again = Imports.run(jobs, leads, Files.readAllBytes(leadsFile), null);
        assertThat(again.created()).isZero();
        assertThat(again.unchanged()).isEqualTo(8000);
        assertThat(count("select count(*) from activity where product_id = ? and type = 'FORM_SUBMITTED'",
                product.getId())).isEqualTo(8000);
        assertThat(jobs.remembered(product.getId(), "Olist closed deals")).hasValueSatisfying(
                m -> assertThat(m).containsEntry("won_date", "occurred_at"));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
