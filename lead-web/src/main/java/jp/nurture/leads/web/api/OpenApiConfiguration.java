package jp.nurture.leads.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of {@code /api/v1} (at /v3/api-docs, browsable at /swagger-ui.html), pages left out. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";
    private static final String PROBLEM = "Problem";
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Malformed JSON, a parameter of the wrong type or an empty body",
            "401", "No API key, or an unknown or revoked one",
            "404", "No such product or lead for this key",
            "409", "The same person was created concurrently; retry",
            "413", "Body over 64 KB",
            "415", "Body not application/json",
            "422", "Invalid fields (see errors[].field), or an Idempotency-Key reused with another body");

    @Bean
    OpenAPI leadsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Lead Nurture API").version("v1")
                        .description("Create and update leads, report their activities and read them. "
                                + "Authenticate with the " + ApiSecurityConfiguration.HEADER + " header: an admin "
                                + "issues keys at /admin/api-keys, each limited to some products. Errors are "
                                + "RFC 9457 problem details in the Accept-Language (ja, en)."))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name(ApiSecurityConfiguration.HEADER))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /** Every error answer of every operation is a problem detail; the generated "string" bodies are replaced. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> api.getPaths().values().stream().flatMap(item -> item.readOperations().stream())
                .forEach(operation -> {
                    ERRORS.forEach((status, description) -> {
                        boolean writes = operation.getRequestBody() != null;
                        if (!writes && (status.equals("409") || status.equals("413") || status.equals("415")
                                || status.equals("422"))) {
                            return;
                        }
                        Schema<?> problem = new Schema<>().$ref("#/components/schemas/" + PROBLEM);
                        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                                .content(new Content().addMediaType("application/problem+json",
                                        new MediaType().schema(problem))));
                    });
                });
    }

    private static Schema<?> problemSchema() {
        ObjectSchema field = new ObjectSchema();
        field.addProperty("field", new StringSchema().example("person.email"));
        field.addProperty("code", new StringSchema().example("email"));
        field.addProperty("message", new StringSchema().example("メールアドレスの形式が正しくありません: x@"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem detail; title, detail and messages in the Accept-Language");
        problem.addProperty("type", new StringSchema().example("about:blank"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("code", new StringSchema().example("invalid"));
        problem.addProperty("errors", new ArraySchema().items(field));
        return problem;
    }
}
