package jp.nurture.leads.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.routing.RoutingFixtures;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Who changed what lands in the append-only audit log, and the admin can read and export it. */
@LeadsWebTest
class AuditLogTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;
    @Autowired Consents consents;
    @Autowired RoutingFixtures fixtures;

    @Test
    void aStageMoveIsRecordedWithWhoMovedIt() throws Exception {
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.HOKKAIDO, Industry.IT, null, Stage.NEW_LEAD);
        long version = DemoLeads.version(jdbc, lead);
        mvc.perform(post("/leads/" + lead + "/stage").with(user(users.loadUserByUsername("inside"))).with(csrf())
                        .param("target", "WORKING_UNTOUCHED").param("version", String.valueOf(version)))
                .andExpect(status().isFound());

        assertThat(jdbc.sql("""
                select actor_name || ' ' || (detail ->> 'from') || '>' || (detail ->> 'to') from audit_event
                where action = 'STAGE_CHANGED' and subject_type = 'LEAD' and subject_id = ? order by id desc limit 1""")
                .param(lead).query(String.class).single()).isEqualTo("inside NEW_LEAD>WORKING_UNTOUCHED");
    }

    @Test
    void userAccessChangesAndRoutingRulesAreRecordedForTheAdmin() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var admin = user(users.loadUserByUsername("admin"));
        mvc.perform(post("/admin/users/new").with(admin).with(csrf()).param("username", "audit-" + tag)
                        .param("displayName", "監査 太郎").param("email", "audit-" + tag + "@example.jp")
                        .param("password", "long-enough-1").param("roles", "INSIDE_SALES").param("enabled", "true"))
                .andExpect(status().isFound());
        long userId = jdbc.sql("select id from app_user where username = ?").param("audit-" + tag).query(Long.class).single();
        assertThat(jdbc.sql("""
                select actor_name || ' ' || (detail -> 'roles' ->> 0) from audit_event
                where action = 'USER_CREATED' and subject_id = ?""").param(userId).query(String.class).single())
                .isEqualTo("admin INSIDE_SALES");
        assertThat(jdbc.sql("select detail::text from audit_event where subject_id = ? and subject_type = 'USER'")
                .param(userId).query(String.class).single()).doesNotContain("監査", "@example.jp");

        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        long field = jdbc.sql("select id from app_user where username = 'field'").query(Long.class).single();
        mvc.perform(post("/admin/routing/" + product + "/rules").with(admin).with(csrf())
                        .param("name", "監査ルール " + tag).param("targetKind", "PERSON")
                        .param("targetUserId", String.valueOf(field)))
                .andExpect(status().isFound());
        assertThat(jdbc.sql("""
                select actor_name from audit_event where action = 'ROUTING_RULE_ADDED' and detail ->> 'name' = ?""")
                .param("監査ルール " + tag).query(String.class).single()).isEqualTo("admin");
    }

    @Test
    void aConsentFromAPublicPageIsRecordedAsTheSystemAndTheLogCannotBeRewritten() {
        long person = jdbc.sql("select person_id from lead order by id limit 1").query(Long.class).single();
        long type = jdbc.sql("select id from email_type where code = 'CASE_STUDY' order by id limit 1")
                .query(Long.class).single();
        consents.withdraw(person, type, "test");
        consents.grant(person, type, ConsentBasis.OPT_IN, "form:test");
        long id = jdbc.sql("select max(id) from audit_event where action = 'CONSENT_GIVEN' and subject_id = ?")
                .param(person).query(Long.class).single();
        assertThat(jdbc.sql("select actor_name from audit_event where id = ?").param(id).query(String.class).single())
                .isEqualTo("system");

        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor_name = 'someone' where id = ?").param(id).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = ?").param(id).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void theAdminReadsFiltersAndExportsTheLog() throws Exception {
        var admin = user(users.loadUserByUsername("admin"));
        long lead = fixtures.lead("FACTORY-IOT", Prefecture.HOKKAIDO, Industry.IT, null, Stage.NEW_LEAD);
        mvc.perform(post("/leads/" + lead + "/stage").with(user(users.loadUserByUsername("inside"))).with(csrf())
                        .param("target", "WORKING_UNTOUCHED").param("version", String.valueOf(DemoLeads.version(jdbc, lead))))
                .andExpect(status().isFound());

        String page = mvc.perform(get("/admin/audit").param("action", "STAGE_CHANGED").param("subjectType", "LEAD")
                        .param("subjectId", String.valueOf(lead)).with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ステージ変更").contains("inside").contains("/leads/" + lead);

        byte[] csv = mvc.perform(get("/admin/audit/export").param("action", "STAGE_CHANGED").with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("id,occurred_at,actor_id,actor,action")
                .contains("STAGE_CHANGED");

        mvc.perform(get("/admin/audit").param("from", "yesterday").with(admin))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("絞り込み条件を読み取れません")));
        mvc.perform(get("/admin/audit/export").param("subjectId", "x").with(admin)).andExpect(status().isBadRequest());
        mvc.perform(get("/admin/audit").with(user(users.loadUserByUsername("marketer")))).andExpect(status().isForbidden());
    }
}
