package jp.nurture.leads.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of {@code /api/v1} (at /v3/api-docs, browsable at /swagger-ui), pages left out. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI leadsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Lead Nurture API").version("v1")
                        .description("Create and update leads, report their activities and read them. "
                                + "Authenticate with the " + ApiSecurityConfiguration.HEADER + " header: an admin "
                                + "issues keys at /admin/api-keys, each limited to some products. Errors are "
                                + "RFC 9457 problem details in the Accept-Language (ja, en)."))
                .components(new Components().addSecuritySchemes(API_KEY, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name(ApiSecurityConfiguration.HEADER)));
    }
}
