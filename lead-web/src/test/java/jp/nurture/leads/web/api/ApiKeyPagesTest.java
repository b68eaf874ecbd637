package jp.nurture.leads.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** An admin issues a key in the browser, sees its secret once, the key works, then is revoked and stops working. */
@LeadsWebTest
class ApiKeyPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    @Test
    void anIssuedKeyIsShownOnceStoredHashedAndStopsWorkingWhenRevoked() throws Exception {
        var admin = user(users.loadUserByUsername("admin"));
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        String name = "Website " + UUID.randomUUID().toString().substring(0, 6);

        String page = mvc.perform(post("/admin/api-keys").with(csrf()).with(admin).param("name", name)
                        .param("productIds", String.valueOf(product)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Matcher secret = Pattern.compile("id=\"issued-secret\"[^>]*>(lnk_[A-Za-z0-9_-]+)<").matcher(page);
        assertThat(secret.find()).as("the secret is shown").isTrue();
        String key = secret.group(1);
        assertThat(jdbc.sql("select count(*) from api_key where secret_hash = ?").param(key).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from spring_session_attributes
                where position(convert_to(?, 'UTF8') in attribute_bytes) > 0""")
                .param(key).query(Long.class).single()).isZero();

        String list = mvc.perform(get("/admin/api-keys").with(admin)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains(name).doesNotContain(key);

        assertThat(mvc.perform(get("/api/v1/products/" + product + "/leads").header("X-API-Key", key))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        long id = jdbc.sql("select id from api_key where name = ?").param(name).query(Long.class).single();
        mvc.perform(post("/admin/api-keys/" + id + "/revoke").with(csrf()).with(admin));
        assertThat(mvc.perform(get("/api/v1/products/" + product + "/leads").header("X-API-Key", key))
                .andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_event where subject_type = 'API_KEY' and subject_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aKeyNeedsANameAndAProduct() throws Exception {
        String page = mvc.perform(post("/admin/api-keys").with(csrf()).with(user(users.loadUserByUsername("admin")))
                        .param("name", ""))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("issued-secret").contains("is-invalid");
    }
}
