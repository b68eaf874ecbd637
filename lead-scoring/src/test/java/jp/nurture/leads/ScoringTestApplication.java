package jp.nurture.leads;

import jp.nurture.leads.core.CoreTestApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** Boots lead-core with lead-scoring (JPA, Flyway, JDBC, the scoring queue) for this module's tests. */
@SpringBootApplication
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = CoreTestApplication.class))
public class ScoringTestApplication {
}
