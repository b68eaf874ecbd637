package jp.nurture.leads.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PublicRateLimitsTest {

    private final PublicRateLimits filter = new PublicRateLimits(new PublicRateLimits.Limits(true, 3, 5, 4));
    private final AtomicInteger passed = new AtomicInteger();

    @Test
    void pageViewsOverTheLimitOfOneAddressAre429WhileAnotherAddressStillCounts() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send("POST", "/t/hit", "10.0.0.1", null).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = send("POST", "/t/hit", "10.0.0.1", null);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(send("POST", "/t/hit", "10.0.0.2", null).getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(6);
    }

    @Test
    void signInAttemptsAreCountedPerAddressAndUserName() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("POST", "/login", "10.0.0.1", "admin");
        }
        assertThat(send("POST", "/login", "10.0.0.1", "admin").getStatus()).isEqualTo(429);
        assertThat(send("POST", "/login", "10.0.0.1", "marketer").getStatus()).isEqualTo(200);
        // The sign-in page itself is not limited.
        assertThat(send("GET", "/login", "10.0.0.1", null).getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(5);
    }

    @Test
    void clicksOptOutsFormPostsAndMailPagesShareTheLimitForPublicPages() throws Exception {
        send("GET", "/t/c/abc", "10.0.0.3", null);
        send("GET", "/t/opt-out", "10.0.0.3", null);
        send("POST", "/f/spring-webinar", "10.0.0.3", null);
        send("GET", "/m/u/xyz", "10.0.0.3", null);
        assertThat(send("POST", "/m/u/xyz", "10.0.0.3", null).getStatus()).isEqualTo(429);
        // Reading a public form is not a submission, and signed-in pages are never limited here.
        assertThat(send("GET", "/f/spring-webinar", "10.0.0.3", null).getStatus()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(send("GET", "/leads", "10.0.0.3", null).getStatus()).isEqualTo(200);
        }
        assertThat(passed).hasValue(15);
    }

    @Test
    void switchedOffNothingIsLimited() throws Exception {
        PublicRateLimits off = new PublicRateLimits(new PublicRateLimits.Limits(false, 1, 1, 1));
        for (int i = 0; i < 5; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            off.doFilter(request("POST", "/t/hit", "10.0.0.9", null), response, new MockFilterChain());
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    private MockHttpServletResponse send(String method, String path, String address, String username)
            throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request(method, path, address, username), response,
                (req, res) -> passed.incrementAndGet());
        return response;
    }

    private static MockHttpServletRequest request(String method, String path, String address, String username) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        if (username != null) {
            request.setParameter("username", username);
        }
        return request;
    }
}
