package jp.nurture.leads.testsupport;

import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at {@link TestDatabase}'s server, so no test repeats the choice. Registered in
 * {@code META-INF/spring.factories}; does nothing when {@code SPRING_DATASOURCE_URL} is set.
 */
public class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (TestDatabase.externalUrl() != null) {
                return;
            }
            TestDatabase.Server server = TestDatabase.started();
            TestPropertyValues.of(
                    "spring.datasource.url=" + server.url(),
                    "spring.datasource.username=" + server.username(),
                    "spring.datasource.password=" + server.password()).applyTo(context);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
