package jp.nurture.leads.bench.capture;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** lead-core alone, without the web tier: what an import needs and nothing else. */
@SpringBootApplication(scanBasePackages = "jp.nurture.leads.core")
@EntityScan("jp.nurture.leads.core")
@EnableJpaRepositories("jp.nurture.leads.core")
class CoreOnly {
}
