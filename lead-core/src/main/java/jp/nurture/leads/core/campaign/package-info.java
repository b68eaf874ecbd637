/**
 * Campaigns per product, email templates per product × email type, sends delivered through an outbox with the
 * consent check at send time, the opens, clicks and unsubscribes they bring back, and nurture programs.
 */
@NamedInterface("campaign")
package jp.nurture.leads.core.campaign;

import org.springframework.modulith.NamedInterface;
