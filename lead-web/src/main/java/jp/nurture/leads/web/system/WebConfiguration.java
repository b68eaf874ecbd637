package jp.nurture.leads.web.system;

import java.util.Locale;
import jp.nurture.leads.web.api.ApiLocale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Japanese first, English on request ({@code ?lang=en}). The choice lives in a cookie, not the session, so any app
 * instance behind the load balancer honours it.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("lang");
        resolver.setDefaultLocale(Locale.JAPANESE);
        // API clients send no cookie: their Accept-Language chooses the language of error messages.
        resolver.setDefaultLocaleFunction(request -> ApiLocale.isApi(request) ? ApiLocale.of(request) : Locale.JAPANESE);
        return resolver;
    }

    /**
     * Switches off the resource URL rewriting Boot registers whenever the WebJars locator is present. It sent every
     * link of every page (each lead's, each card's) through the static resource chain, whose class-path look-up of
     * a path that is no file is not cached: rendering the 50-row lead list cost ~180 ms of such look-ups. We use
     * no versioned resource URLs; version-less WebJars paths are still resolved when the browser requests them.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }
}
