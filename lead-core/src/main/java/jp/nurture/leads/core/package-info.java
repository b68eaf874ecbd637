/**
 * The marketing domain and its persistence: products, companies and people, per-product leads with their stages
 * and BANT, the activity timeline and the users who work them. Knows nothing of scoring, routing or the web.
 */
@ApplicationModule(displayName = "Lead core")
package jp.nurture.leads.core;

import org.springframework.modulith.ApplicationModule;
