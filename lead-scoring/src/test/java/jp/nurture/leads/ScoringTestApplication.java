package jp.nurture.leads;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** Boots lead-core with lead-scoring (JPA, Flyway, JDBC, the scoring queue) for this module's tests. */
@SpringBootApplication
// lead-core's own test app is on the classpath when the reactor stops before packaging; it must not be scanned.
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "jp\\.nurture\\.leads\\.core\\.CoreTestApplication"))
public class ScoringTestApplication {
}
