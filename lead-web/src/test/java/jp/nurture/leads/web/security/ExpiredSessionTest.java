package jp.nurture.leads.web.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Without a session, a page request goes to the login form and an htmx request asks the page to refresh. */
@LeadsWebTest
class ExpiredSessionTest {

    @Autowired MockMvc mvc;

    @Test
    void aPageRequestIsSentToTheLoginForm() throws Exception {
        mvc.perform(get("/board")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void anHtmxRequestGetsARefreshInsteadOfTheLoginFormInsideTheBoard() throws Exception {
        mvc.perform(post("/board/move").with(csrf()).header("HX-Request", "true").param("lead", "1")
                        .param("version", "0").param("target", "WORKING_UNTOUCHED"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("HX-Refresh", "true"));
    }
}
