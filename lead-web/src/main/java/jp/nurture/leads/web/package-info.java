/**
 * The web tier: security, Thymeleaf pages per feature, the embedded default database and demo data.
 */
@ApplicationModule(displayName = "Web")
package jp.nurture.leads.web;

import org.springframework.modulith.ApplicationModule;
