package jp.nurture.leads.core.tracking;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Binds the tracking settings and turns on the scheduled retention clean-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
@EnableScheduling
class TrackingConfiguration {
}
