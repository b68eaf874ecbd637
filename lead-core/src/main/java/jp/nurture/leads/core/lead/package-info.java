/**
 * The Lead aggregate (one person's interest in one product), its four stages plus dormant/disqualified, and BANT.
 */
@NamedInterface("lead")
package jp.nurture.leads.core.lead;

import org.springframework.modulith.NamedInterface;
