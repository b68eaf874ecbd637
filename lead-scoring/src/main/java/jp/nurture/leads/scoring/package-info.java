/**
 * Per-product scoring: fit and engagement rules, the engine that reacts to new activities, decay, and calibration
 * from field sales' accept/return/won/lost outcomes. Depends on lead-core only.
 */
@ApplicationModule(displayName = "Lead scoring")
package jp.nurture.leads.scoring;

import org.springframework.modulith.ApplicationModule;
