/**
 * The append-only activity timeline of every lead, and the event published for each new activity.
 */
@NamedInterface("activity")
package jp.nurture.leads.core.activity;

import org.springframework.modulith.NamedInterface;
