package jp.nurture.leads.web.form;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public form pages answer anyone, keep no session and take posts without a CSRF token: a visitor posts from
 * an iframe on another company's site, where our session cookie is never sent. What protects them instead is in
 * {@link PublicFormController}: a honeypot, a per-address limit shared by all instances, a size limit, and an
 * allow-list of the form's own fields. Framing is decided per page by that controller (embed: any site;
 * hosted page: none).
 */
@Configuration(proxyBeanMethods = false)
class PublicFormSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain publicForms(HttpSecurity http) throws Exception {
        http.securityMatcher("/f/**")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .headers(headers -> headers.frameOptions(frame -> frame.disable()));
        return http.build();
    }
}
