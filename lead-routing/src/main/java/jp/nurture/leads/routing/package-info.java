/**
 * The sales organisation, routing rules that name exactly one accountable owner, the hand-off queue and its
 * acceptance SLA. Depends on lead-core only.
 */
@ApplicationModule(displayName = "Lead routing")
package jp.nurture.leads.routing;

import org.springframework.modulith.ApplicationModule;
