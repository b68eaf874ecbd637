package jp.nurture.leads.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.web.LeadsWebTest;
import jp.nurture.leads.web.routing.RoutingFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** An access request gets everything held about the person; an erasure removes it from every table. */
@LeadsWebTest
class PersonalDataTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;
    @Autowired RoutingFixtures fixtures;
    @Autowired Consents consents;

    @Test
    void anAdminExportsThenErasesAPersonFromEveryTable() throws Exception {
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.MIYAGI, Industry.IT, null, Stage.CONVERTED);
        long person = jdbc.sql("select person_id from lead where id = ?").param(lead).query(Long.class).single();
        String email = jdbc.sql("select email from person where id = ?").param(person).query(String.class).single();
        long newsletter = jdbc.sql("""
                select t.id from email_type t join lead l on l.product_id = t.product_id
                where l.id = ? and t.code = 'NEWSLETTER'""").param(lead).query(Long.class).single();
        consents.grant(person, newsletter, ConsentBasis.OPT_IN, "form:privacy-test");
        UUID visitor = UUID.randomUUID();
        jdbc.sql("insert into visitor (id, lead_id, identified_at) values (?, ?, now())").params(visitor, lead).update();
        jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                select id, product_id, 'PAGE_VIEWED', now(), '{"url": "/pricing"}'::jsonb from lead where id = ?""")
                .param(lead).update();
        var admin = user(users.loadUserByUsername("admin"));

        String found = mvc.perform(get("/admin/privacy").param("email", email.toUpperCase()).with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(found).contains("id=\"privacy-person\"").contains(email);

        String json = mvc.perform(get("/admin/privacy/" + person + "/export").with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).contains(email).contains("\"leads\"").contains("PAGE_VIEWED").contains("/pricing")
                .contains("form:privacy-test").contains(visitor.toString()).contains("\"handOffs\"");

        mvc.perform(post("/admin/privacy/" + person + "/erase").param("confirmEmail", "someone@else.jp").with(admin)
                        .with(csrf()))
                .andExpect(flash().attribute("error", "privacy.confirmMismatch"));
        assertThat(count("select count(*) from person where id = ?", person)).isOne();

        mvc.perform(post("/admin/privacy/" + person + "/erase").param("confirmEmail", email).with(admin).with(csrf()))
                .andExpect(status().isFound()).andExpect(flash().attribute("message", "privacy.erased"));

        assertThat(count("select count(*) from person where id = ?", person)).isZero();
        assertThat(count("select count(*) from lead where id = ?", lead)).isZero();
        for (String table : new String[] {"activity", "hand_off", "lead_score_history", "visitor", "follow_up",
            "segment_member", "scoring_queue", "routing_failure"}) {
            assertThat(count("select count(*) from " + table + " where lead_id = ?", lead)).as(table).isZero();
        }
        assertThat(count("select count(*) from consent where person_id = ?", person)).isZero();
        assertThat(consents.isSuppressed(email)).as("the address is never mailed again").isTrue();
        String auditDetail = jdbc.sql("""
                select detail::text from audit_event where action = 'PERSON_ERASED' and subject_id = ?""")
                .param(person).query(String.class).single();
        assertThat(auditDetail).contains("\"activity\"").doesNotContain(email);
        assertThat(jdbc.sql("select count(*) from audit_event where detail::text like ?").param("%" + email + "%")
                .query(Long.class).single()).isZero();

        mvc.perform(get("/admin/privacy/" + person + "/export").with(admin)).andExpect(status().isNotFound());
        mvc.perform(get("/admin/privacy").param("email", email).with(admin))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("見つかりません")));
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }
}
