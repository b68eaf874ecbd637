package jp.nurture.leads.core;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots lead-core alone (JPA, Flyway, JDBC) for this module's tests. */
@SpringBootApplication
public class CoreTestApplication {
}
