package jp.nurture.leads.web.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Form login, CSRF on, and every route denied unless a role is named for it here. Product scope is checked by
 * the services (a lead of another product is "not found"), not by URL.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
    static final String MARKETER = "MARKETER";
    static final String INSIDE_SALES = "INSIDE_SALES";
    static final String FIELD_SALES = "FIELD_SALES";

    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/login", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                .requestMatchers(GET, "/actuator/health").permitAll()
                .requestMatchers("/admin/**").hasRole(ADMIN)
                .requestMatchers("/board", "/board/**").hasAnyRole(ADMIN, INSIDE_SALES)
                .requestMatchers(POST, "/leads/*/stage").hasAnyRole(ADMIN, INSIDE_SALES)
                .requestMatchers("/leads/*/edit").hasAnyRole(ADMIN, MARKETER, INSIDE_SALES)
                .requestMatchers(GET, "/leads", "/leads/*").hasAnyRole(ADMIN, MARKETER, INSIDE_SALES, FIELD_SALES)
                .requestMatchers("/t/**").permitAll()
                .requestMatchers("/m/**").permitAll()
                .requestMatchers("/campaigns", "/campaigns/**", "/email-templates", "/email-templates/**",
                        "/nurture", "/nurture/**").hasAnyRole(ADMIN, MARKETER)
                .requestMatchers("/segments", "/segments/**", "/tracking", "/tracking/**").hasAnyRole(ADMIN, MARKETER)
                .requestMatchers("/scoring", "/products/*/scoring", "/products/*/scoring/**").hasAnyRole(ADMIN, MARKETER)
                .requestMatchers("/handoffs", "/handoffs/**").hasAnyRole(ADMIN, FIELD_SALES)
                .requestMatchers(GET, "/companies/*").hasAnyRole(ADMIN, MARKETER, INSIDE_SALES, FIELD_SALES)
                .requestMatchers("/imports", "/imports/**").hasAnyRole(ADMIN, MARKETER)
                .requestMatchers("/forms", "/forms/**").hasAnyRole(ADMIN, MARKETER)
                .requestMatchers("/products/*/fields", "/products/*/fields/**").hasAnyRole(ADMIN, MARKETER)
                .requestMatchers("/reports", "/reports/**").hasAnyRole(ADMIN, MARKETER)
                .requestMatchers(GET, "/").authenticated()
                .anyRequest().denyAll())
            // An htmx request whose session has expired gets HX-Refresh, so the whole page goes to the login form
            // instead of the login form being swapped into a board column.
            .exceptionHandling(errors -> errors.authenticationEntryPoint(DelegatingAuthenticationEntryPoint.builder()
                    .addEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
                            new RequestHeaderRequestMatcher("HX-Request"))
                    .defaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                    .build()))
            .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
            // The tag posts page views from the product's own site, without a session or CSRF token.
            // Email recipients' links carry their own signature; mail clients post the one-click unsubscribe
            // (RFC 8058) without cookies, so there is no session a forged request could ride on.
            .csrf(csrf -> csrf.ignoringRequestMatchers("/t/hit", "/m/**"))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
