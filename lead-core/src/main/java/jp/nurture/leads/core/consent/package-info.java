/**
 * Consent: which email types of which product a person may receive, on what basis (an opt-in or an address
 * handed over in writing), and the global suppression list that no send ever passes.
 */
@NamedInterface("consent")
package jp.nurture.leads.core.consent;

import org.springframework.modulith.NamedInterface;
