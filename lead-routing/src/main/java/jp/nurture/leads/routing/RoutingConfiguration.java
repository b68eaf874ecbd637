package jp.nurture.leads.routing;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduled jobs: retrying failed routings and escalating overdue hand-offs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RoutingConfiguration {
}
