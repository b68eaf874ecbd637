package jp.nurture.leads.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/** The admin pages: users with roles and product scope, products with their target definition. */
@LeadsWebTest
class AdminPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;
    @Autowired PasswordEncoder passwords;

    UserDetails admin;
    String tag;

    @BeforeEach
    void signIn() {
        admin = users.loadUserByUsername("admin");
        tag = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void anAdminCreatesAScopedUserWhoseHashedPasswordWorks() throws Exception {
        long product = jdbc.sql("select id from product where code = 'FACTORY-IOT'").query(Long.class).single();
        mvc.perform(post("/admin/users/new").with(user(admin)).with(csrf()).param("username", "fs-" + tag)
                        .param("displayName", "中部 営業").param("email", "fs@example.jp").param("password", "long-enough-1")
                        .param("roles", "FIELD_SALES").param("productIds", String.valueOf(product)).param("enabled", "true"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/users"));

        String hash = jdbc.sql("select password_hash from app_user where username = ?").param("fs-" + tag)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(passwords.matches("long-enough-1", hash)).isTrue();
        assertThat(jdbc.sql("select product_id from user_product up join app_user u on u.id = up.user_id where username = ?")
                .param("fs-" + tag).query(Long.class).list()).containsExactly(product);
    }

    @Test
    void aUserFormWithMistakesComesBackWithMessagesInPlace() throws Exception {
        mvc.perform(post("/admin/users/new").with(user(admin)).with(csrf()).param("username", "admin")
                        .param("displayName", "").param("password", "short"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "displayName", "password", "roles"))
                .andExpect(content().string(containsString("パスワードは8文字以上にしてください。")));
        mvc.perform(post("/admin/users/new").with(user(admin)).with(csrf()).param("username", "admin")
                        .param("displayName", "二人目").param("password", "long-enough-1").param("roles", "ADMIN"))
                .andExpect(model().attributeHasFieldErrorCode("form", "username", "user.username.taken"));
    }

    @Test
    void anAdminDefinesAProductTargetAndADuplicateCodeIsRefused() throws Exception {
        mvc.perform(post("/admin/products/new").with(user(admin)).with(csrf()).param("code", "erp-" + tag)
                        .param("name", "クラウドERP").param("active", "true").param("industries", "MANUFACTURING", "RETAIL")
                        .param("prefectures", "MIYAGI", "IWATE").param("departments", "経営企画室\n情報システム部")
                        .param("titleLevels", "EXECUTIVE").param("typicalLeadTimeMonths", "9")
                        .param("typicalDealSizeYen", "30000000"))
                .andExpect(status().isFound());
        assertThat(jdbc.sql("select target_prefectures from product where code = ?").param(("ERP-" + tag).toUpperCase())
                .query((rs, n) -> (String[]) rs.getArray(1).getArray()).single()).containsExactly("IWATE", "MIYAGI");
        assertThat(jdbc.sql("""
                select t.code from email_type t join product p on p.id = t.product_id where p.code = ? order by t.id""")
                .param(("ERP-" + tag).toUpperCase()).query(String.class).list())
                .as("a new product starts with the common email types")
                .containsExactly("NEWSLETTER", "SEMINAR", "CASE_STUDY", "FOLLOW_UP");

        mvc.perform(post("/admin/products/new").with(user(admin)).with(csrf()).param("code", "ERP-" + tag)
                        .param("name", "別製品"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "code", "product.code.taken"));
        mvc.perform(post("/admin/products/new").with(user(admin)).with(csrf()).param("code", "bad code!")
                        .param("name", "x").param("typicalLeadTimeMonths", "-1"))
                .andExpect(model().attributeHasFieldErrors("form", "code", "typicalLeadTimeMonths"));
    }
}
