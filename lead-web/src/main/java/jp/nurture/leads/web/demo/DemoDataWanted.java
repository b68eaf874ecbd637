package jp.nurture.leads.web.demo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Demo data is seeded when {@code leads.demo-data.enabled} says so; left unset, only on the embedded default
 * database (no SPRING_DATASOURCE_URL), never on a server someone configured.
 */
class DemoDataWanted implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String explicit = context.getEnvironment().getProperty("leads.demo-data.enabled");
        if (StringUtils.hasText(explicit)) {
            return Boolean.parseBoolean(explicit.strip());
        }
        return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
    }
}
