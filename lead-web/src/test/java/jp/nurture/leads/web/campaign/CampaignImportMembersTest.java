package jp.nurture.leads.web.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.campaign.CampaignChannel;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.NewCampaign;
import jp.nurture.leads.core.capture.ImportJob;
import jp.nurture.leads.core.capture.ImportJobs;
import jp.nurture.leads.core.capture.ImportRequest;
import jp.nurture.leads.core.capture.MergePolicy;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** An exhibition's imported visitor list becomes the follow-up campaign's members, from the campaign's page. */
@LeadsWebTest
class CampaignImportMembersTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ImportJobs imports;
    @Autowired Campaigns campaigns;
    @Autowired UserDetailsService users;

    @Test
    void theLeadsOfAnImportJoinTheCampaignOnce() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        String csv = "氏名,会社名,メールアドレス\r\n"
                + "展示 一郎,株式会社展示" + tag + ",one." + tag + "@example.jp\r\n"
                + "展示 二郎,株式会社展示" + tag + ",two." + tag + "@example.jp\r\n"
                + "展示 三郎,株式会社展示" + tag + ",three." + tag + "@example.jp\r\n";
        ImportJob job = imports.upload(new ImportRequest(product, "展示会 " + tag, "visitors.csv",
                StandardCharsets.UTF_8, Channel.EXHIBITION, "IoT展 " + tag, ActivityType.EXHIBITION_ATTENDED,
                LocalDate.of(2026, 11, 20), MergePolicy.FILL_EMPTY, null),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ProductScope.all());
        imports.start(job.id(), imports.preview(job.id(), ProductScope.all()).mapping(), ProductScope.all());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!imports.get(job.id(), ProductScope.all()).status().isFinished() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(imports.get(job.id(), ProductScope.all()).created()).isEqualTo(3);
        long campaign = campaigns.create(new NewCampaign(product, "展示会フォロー " + tag, CampaignChannel.EMAIL, null,
                null, null, null, null, null), ProductScope.all());

        var marketer = user(users.loadUserByUsername("marketer"));
        String page = mvc.perform(get("/campaigns/{id}", campaign).with(marketer)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("展示会 " + tag);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/campaigns/{id}/members", campaign).param("importJob", String.valueOf(job.id()))
                    .with(marketer).with(csrf())).andExpect(status().is3xxRedirection());
        }
        assertThat(jdbc.sql("""
                select p.email from campaign_member m join lead l on l.id = m.lead_id join person p on p.id = l.person_id
                where m.campaign_id = ? order by p.email""").param(campaign).query(String.class).list())
                .containsExactly("one." + tag + "@example.jp", "three." + tag + "@example.jp",
                        "two." + tag + "@example.jp");

        // Another product's import adds nobody to this campaign.
        long other = campaigns.create(new NewCampaign(DemoLeads.productId(jdbc, "CLOUD-ACC"), "別製品 " + tag,
                CampaignChannel.EMAIL, null, null, null, null, null, null), ProductScope.all());
        mvc.perform(post("/campaigns/{id}/members", other).param("importJob", String.valueOf(job.id()))
                .with(marketer).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from campaign_member where campaign_id = ?").param(other)
                .query(Long.class).single()).isZero();
    }
}
