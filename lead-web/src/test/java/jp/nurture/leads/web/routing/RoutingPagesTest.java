package jp.nurture.leads.web.routing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;

import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The routing pages and the board's card tools answer every input with a page or a clear message, never a 500. */
@LeadsWebTest
class RoutingPagesTest {

    @Autowired MockMvc mvc;
    @Autowired UserDetailsService users;
    @Autowired RoutingFixtures fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void theRulesPageShowsRulesAndPreviewsWhoWouldGetALead() throws Exception {
        long product = fixtures.productId("CLOUD-ACC");
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.AOMORI, Industry.FINANCE, null, Stage.WORKING_CONNECTED);
        mvc.perform(get("/admin/routing?product=" + product + "&preview=" + lead).with(user(users.loadUserByUsername("admin"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("東北エリア")))
                .andExpect(content().string(containsString("id=\"preview-owner\">東北営業 一郎")))
                .andExpect(content().string(containsString("エリア「北海道・東北」")));
        assertThat(jdbc.sql("select count(*) from hand_off where lead_id = ?").param(lead).query(Long.class).single())
                .isZero();
    }

    @Test
    void anIncompleteRuleIsRefusedWithAMessage() throws Exception {
        long product = fixtures.productId("SFA-CLOUD");
        mvc.perform(post("/admin/routing/" + product + "/rules").with(csrf()).with(user(users.loadUserByUsername("admin")))
                        .param("name", "チーム未指定").param("targetKind", "TEAM"))
                .andExpect(status().isFound()).andExpect(flash().attribute("error", "routing.rule.error.team"));
        mvc.perform(post("/admin/routing/" + product + "/settings").with(csrf()).with(user(users.loadUserByUsername("admin")))
                        .param("slaBusinessDays", "0"))
                .andExpect(status().isFound()).andExpect(flash().attribute("error", "routing.settings.error.sla"));
        mvc.perform(get("/admin/routing/org").with(user(users.loadUserByUsername("admin"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("東日本チーム")));
    }

    @Test
    void aRuleOnTheSolutionCustomFieldIsSavedAndDecidesWhoGetsTheLead() throws Exception {
        String code = fixtures.isolatedProduct(null);
        long product = fixtures.productId(code);
        long kanto = jdbc.sql("select id from app_user where username = 'field-kanto'").query(Long.class).single();
        var admin = user(users.loadUserByUsername("admin"));
        mvc.perform(post("/admin/routing/" + product + "/rules").with(csrf()).with(admin)
                        .param("name", "MES担当").param("customKey", "solution").param("customValues", "MES、 生産スケジューラ")
                        .param("targetKind", "PERSON").param("targetUserId", String.valueOf(kanto)))
                .andExpect(status().isFound()).andExpect(flash().attribute("message", "routing.rule.added"));
        mvc.perform(post("/admin/routing/" + product + "/rules").with(csrf()).with(admin)
                        .param("name", "値なし").param("customKey", "solution").param("targetKind", "PERSON")
                        .param("targetUserId", String.valueOf(kanto)))
                .andExpect(flash().attribute("error", "routing.rule.error.custom"));

        long lead = fixtures.lead(code, Prefecture.OSAKA, Industry.MANUFACTURING, null, Stage.WORKING_CONNECTED);
        jdbc.sql("update lead set custom = '{\"solution\": \"生産スケジューラ\"}'::jsonb where id = ?").param(lead).update();
        mvc.perform(get("/admin/routing?product=" + product + "&preview=" + lead).with(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("solution: MES,生産スケジューラ")))
                .andExpect(content().string(containsString("カスタム項目 solution=生産スケジューラ")));

        fixtures.moveTo(lead, Stage.CONVERTED);
        assertThat(jdbc.sql("select owner_id from hand_off where lead_id = ?").param(lead).query(Long.class).single())
                .isEqualTo(kanto);
    }

    @Test
    void fieldSalesGetClearMessagesForBadReturnsAndOutcomes() throws Exception {
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.IWATE, Industry.FINANCE, null, Stage.CONVERTED);
        long handOff = jdbc.sql("select id from hand_off where lead_id = ?").param(lead).query(Long.class).single();
        var tohoku = user(users.loadUserByUsername("field-tohoku"));
        mvc.perform(post("/handoffs/" + handOff + "/return").with(csrf()).with(tohoku).param("backTo", "WORKING_CONNECTED"))
                .andExpect(flash().attribute("error", "handoff.error.reason"));
        mvc.perform(post("/handoffs/" + handOff + "/won").with(csrf()).with(tohoku).param("amount", "abc").param("on", "x"))
                .andExpect(flash().attribute("error", "handoff.error.won"));
        mvc.perform(post("/handoffs/" + handOff + "/won").with(csrf()).with(tohoku).param("amount", "100").param("on", "2026-12-01"))
                .andExpect(flash().attribute("error", "handoff.error.changed"));
        mvc.perform(post("/handoffs/" + handOff + "/accept").with(csrf()).with(user(users.loadUserByUsername("field"))))
                .andExpect(flash().attribute("error", "handoff.error.changed"));
        mvc.perform(get("/handoffs").with(tohoku))
                .andExpect(status().isOk()).andExpect(content().string(containsString("handoff-" + handOff)));
    }

    @Test
    void theCompanyPageShowsEveryLeadAndTheHandOffsInFlight() throws Exception {
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.TOKYO, Industry.FINANCE, "field", Stage.CONVERTED);
        long company = jdbc.sql("select p.company_id from lead l join person p on p.id = l.person_id where l.id = ?")
                .param(lead).query(Long.class).single();
        mvc.perform(get("/companies/" + company).with(user(users.loadUserByUsername("marketer"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"account-owner\">フィールド 誠")))
                .andExpect(content().string(containsString("company-handoffs")))
                .andExpect(content().string(containsString("既存顧客 → アカウント担当")));
        mvc.perform(get("/companies/999999999").with(user(users.loadUserByUsername("marketer"))))
                .andExpect(status().isNotFound());
    }

    @Test
    void fromACardInsideSalesLogsACallAnswersOneBantQuestionAndSetsAFollowUp() throws Exception {
        long lead = fixtures.lead("SFA-CLOUD", Prefecture.OSAKA, Industry.IT, null, Stage.WORKING_UNTOUCHED);
        long version = jdbc.sql("select version from lead where id = ?").param(lead).query(Long.class).single();
        var inside = user(users.loadUserByUsername("inside"));
        mvc.perform(post("/board/leads/" + lead + "/contact").with(csrf()).with(inside).param("type", "CALL")
                .param("text", "部長と初回通話")).andExpect(flash().attribute("message", "board.contact.saved"));
        mvc.perform(post("/board/leads/" + lead + "/bant").with(csrf()).with(inside).param("version", String.valueOf(version))
                .param("part", "AUTHORITY").param("answer", "偉い人")).andExpect(flash().attribute("error", "board.bant.error"));
        mvc.perform(post("/board/leads/" + lead + "/bant").with(csrf()).with(inside).param("version", String.valueOf(version))
                .param("part", "AUTHORITY").param("answer", "DECISION_MAKER")).andExpect(flash().attribute("message", "board.bant.saved"));
        mvc.perform(post("/board/leads/" + lead + "/bant").with(csrf()).with(inside).param("version", String.valueOf(version))
                .param("part", "NEED").param("answer", "古い版で")).andExpect(flash().attribute("error", "lead.conflict"));
        mvc.perform(post("/board/leads/" + lead + "/follow-up").with(csrf()).with(inside).param("dueOn", "2026-13-40")
                .param("note", "x")).andExpect(flash().attribute("error", "board.followUp.error"));
        mvc.perform(post("/board/leads/" + lead + "/follow-up").with(csrf()).with(inside).param("dueOn", "2020-01-06")
                .param("note", "資料を送る")).andExpect(flash().attribute("message", "board.followUp.saved"));
        assertThat(jdbc.sql("select authority from lead where id = ?").param(lead).query(String.class).single())
                .isEqualTo("DECISION_MAKER");
        long product = fixtures.productId("SFA-CLOUD");
        mvc.perform(get("/board?product=" + product + "&channel=OTHER&minScore=0").with(inside))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("資料を送る")))
                .andExpect(content().string(containsString("card-" + lead)))
                .andExpect(content().string(containsString("最終活動")));
        mvc.perform(get("/board?product=" + product + "&minScore=100000").with(inside))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("card-" + lead))));
        mvc.perform(get("/board?product=" + product + "&channel=NO_SUCH").with(inside))
                .andExpect(status().isBadRequest());
    }
}
