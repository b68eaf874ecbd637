package jp.nurture.leads.scoring;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduler the daily decay runs on. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScoringConfiguration {
}
