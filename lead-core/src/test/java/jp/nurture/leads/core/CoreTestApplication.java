package jp.nurture.leads.core;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestComponent;

/**
 * Boots lead-core alone (JPA, Flyway, JDBC) for this module's tests. Marked as a test component so that, when
 * another module's tests see these classes on their path, the real application's scan leaves it out.
 */
@SpringBootApplication
@TestComponent
public class CoreTestApplication {
}
