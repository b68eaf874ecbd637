package jp.nurture.leads.web.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** A user limited to one product sees nothing of the others, not even by typing an id into the URL. */
@LeadsWebTest
class ProductScopeTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    @Test
    void aScopedMarketerGetsNotFoundForAnotherProductsLead() throws Exception {
        UserDetails scoped = users.loadUserByUsername("marketer-acc");
        long foreign = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "NEW_LEAD", 0);
        long own = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "NEW_LEAD", 0);

        mvc.perform(get("/leads/" + foreign).with(user(scoped))).andExpect(status().isNotFound());
        mvc.perform(get("/leads/" + foreign + "/edit").with(user(scoped))).andExpect(status().isNotFound());
        mvc.perform(post("/leads/" + foreign + "/edit").with(user(scoped)).with(csrf()).param("version", "0")
                .param("fullName", "乗っ取り")).andExpect(status().isNotFound());
        mvc.perform(get("/leads/" + own).with(user(scoped))).andExpect(status().isOk());
    }

    @Test
    void aScopedMarketerListsOnlyTheirProduct() throws Exception {
        UserDetails scoped = users.loadUserByUsername("marketer-acc");
        long foreignProduct = DemoLeads.productId(jdbc, "FACTORY-IOT");
        mvc.perform(get("/leads").with(user(scoped)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("CLOUD-ACC")))
                .andExpect(content().string(not(containsString(">FACTORY-IOT<"))))
                .andExpect(content().string(not(containsString(">SFA-CLOUD<"))));
        mvc.perform(get("/leads").param("product", String.valueOf(foreignProduct)).with(user(scoped)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"leads-empty\"")));
    }

    @Test
    void anInsideSalesUserLimitedToOneProductCannotOpenAnotherBoard() throws Exception {
        long cloud = DemoLeads.productId(jdbc, "CLOUD-ACC");
        long factory = DemoLeads.productId(jdbc, "FACTORY-IOT");
        jdbc.sql("insert into app_user (username, display_name, password_hash) values ('inside-acc', '会計IS', '{noop}x')"
                + " on conflict do nothing").update();
        long id = jdbc.sql("select id from app_user where username = 'inside-acc'").query(Long.class).single();
        jdbc.sql("insert into user_role values (?, 'INSIDE_SALES') on conflict do nothing").param(id).update();
        jdbc.sql("insert into user_product values (?, ?) on conflict do nothing").params(id, cloud).update();
        UserDetails scoped = users.loadUserByUsername("inside-acc");

        mvc.perform(get("/board").param("product", String.valueOf(factory)).with(user(scoped)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/board").param("product", String.valueOf(cloud)).with(user(scoped)))
                .andExpect(status().isOk());
        long foreignLead = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "NEW_LEAD", 0);
        mvc.perform(post("/board/move").with(user(scoped)).with(csrf()).param("lead", String.valueOf(foreignLead))
                .param("version", "0").param("target", "WORKING_UNTOUCHED")).andExpect(status().isNotFound());
    }
}
