package jp.nurture.leads.web.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The lead list, page, edit form and stage moves as inside sales uses them. */
@LeadsWebTest
class LeadPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    UserDetails inside;

    @BeforeEach
    void signIn() {
        inside = users.loadUserByUsername("inside");
    }

    @Test
    void theLeadPageShowsPersonCompanyProductLeadsAndTimeline() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "WORKING_CONNECTED", 0);
        String name = jdbc.sql("select p.full_name from lead l join person p on p.id = l.person_id where l.id = ?")
                .param(lead).query(String.class).single();
        mvc.perform(get("/leads/" + lead).with(user(inside)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(name), containsString("id=\"timeline\""),
                        containsString("ステージ変更"), containsString("ワーキング(コネクティッド)"))));
    }

    @Test
    void theListSpeaksEnglishOnRequest() throws Exception {
        mvc.perform(get("/leads").param("lang", "en").with(user(inside)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Name, e-mail or company")));
        mvc.perform(get("/leads").cookie(new Cookie("lang", "en")).with(user(inside)))
                .andExpect(content().string(containsString("Stage board")));
    }

    @Test
    void anInvalidEditShowsFieldErrorsInPlaceAndKeepsWhatWasTyped() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "SFA-CLOUD", "NEW_LEAD", 3);
        mvc.perform(edit(lead, DemoLeads.version(jdbc, lead)).param("fullName", "").param("email", "not-an-email")
                        .param("expectedUsers", "たくさん").param("placeOfUse", "大阪支社"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "fullName", "email", "expectedUsers"))
                .andExpect(content().string(allOf(containsString("入力してください。"),
                        containsString("正しいメールアドレスを入力してください。"), containsString("整数で入力してください。"),
                        containsString("value=\"大阪支社\""))));
    }

    @Test
    void aValidEditIsSavedAndRecordedOnTheTimeline() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "SFA-CLOUD", "NEW_LEAD", 4);
        mvc.perform(edit(lead, DemoLeads.version(jdbc, lead)).param("fullName", "編集 太郎")
                        .param("email", "ＥＤＩＴ.taro@Example.jp").param("budgetYen", "5000000")
                        .param("authority", "DECISION_MAKER").param("need", "営業日報の電子化").param("timeframe", "WITHIN_6_MONTHS"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/leads/" + lead))
                .andExpect(flash().attribute("message", "lead.saved"));
        assertThat(jdbc.sql("select p.email from lead l join person p on p.id = l.person_id where l.id = ?")
                .param(lead).query(String.class).single()).isEqualTo("edit.taro@example.jp");
        assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type = 'DETAILS_CHANGED'")
                .param(lead).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void anEditOnAStaleVersionIsRefusedWithAClearMessage() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "SFA-CLOUD", "NEW_LEAD", 5);
        long stale = DemoLeads.version(jdbc, lead);
        mvc.perform(edit(lead, stale).param("fullName", "先に保存")).andExpect(status().isFound());
        mvc.perform(edit(lead, stale).param("fullName", "後から保存"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("他のユーザーが先に更新しました")));
        assertThat(jdbc.sql("select p.full_name from lead l join person p on p.id = l.person_id where l.id = ?")
                .param(lead).query(String.class).single()).isEqualTo("先に保存");
    }

    @Test
    void theStageFormMovesTheLeadAndRefusesWhatTheProcessForbids() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "SFA-CLOUD", "NEW_LEAD", 6);
        mvc.perform(post("/leads/" + lead + "/stage").with(user(inside)).with(csrf())
                        .param("version", String.valueOf(DemoLeads.version(jdbc, lead))).param("target", "DORMANT"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error", "stage.refused.REASON_REQUIRED"));
        mvc.perform(post("/leads/" + lead + "/stage").with(user(inside)).with(csrf())
                        .param("version", String.valueOf(DemoLeads.version(jdbc, lead))).param("target", "DORMANT")
                        .param("reason", "来期に再検討"))
                .andExpect(flash().attribute("message", "stage.moved"));
        assertThat(DemoLeads.stage(jdbc, lead)).isEqualTo("DORMANT");
    }

    @Test
    void aBoardMoveWithHtmxSwapsTheBoardInPlace() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "SFA-CLOUD", "NEW_LEAD", 7);
        mvc.perform(post("/board/move").with(user(inside)).with(csrf()).header("HX-Request", "true")
                        .param("lead", String.valueOf(lead)).param("version", String.valueOf(DemoLeads.version(jdbc, lead)))
                        .param("target", "WORKING_UNTOUCHED"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"board\""), containsString("ステージを変更しました。"))))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<nav"))));
        assertThat(DemoLeads.stage(jdbc, lead)).isEqualTo("WORKING_UNTOUCHED");
    }

    @Test
    void aBoardMoveOnAStaleCardTellsTheUserSomeoneElseWasFaster() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "SFA-CLOUD", "NEW_LEAD", 8);
        long seen = DemoLeads.version(jdbc, lead);
        mvc.perform(post("/board/move").with(user(inside)).with(csrf()).header("HX-Request", "true")
                .param("lead", String.valueOf(lead)).param("version", String.valueOf(seen))
                .param("target", "WORKING_UNTOUCHED")).andExpect(status().isOk());
        mvc.perform(post("/board/move").with(user(inside)).with(csrf()).header("HX-Request", "true")
                        .param("lead", String.valueOf(lead)).param("version", String.valueOf(seen))
                        .param("target", "WORKING_CONNECTED"))
                .andExpect(content().string(containsString("他のユーザーが先に更新しました")));
        assertThat(DemoLeads.stage(jdbc, lead)).isEqualTo("WORKING_UNTOUCHED");
    }

    @Test
    void malformedParametersGetABadRequestPageNotAnError() throws Exception {
        mvc.perform(get("/leads/not-a-number").with(user(inside))).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("リクエストを処理できませんでした")));
        mvc.perform(get("/leads/987654321").with(user(inside))).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("見つからないか、閲覧する権限がありません")));
        mvc.perform(get("/leads").param("stage", "NOPE").with(user(inside))).andExpect(status().isBadRequest());
        mvc.perform(post("/board/move").with(user(inside)).with(csrf()).param("lead", "1").param("version", "x")
                .param("target", "CONVERTED")).andExpect(status().isBadRequest());
    }

    private MockHttpServletRequestBuilder edit(long lead, long version) {
        return post("/leads/" + lead + "/edit").with(user(inside)).with(csrf()).param("version", String.valueOf(version));
    }
}
