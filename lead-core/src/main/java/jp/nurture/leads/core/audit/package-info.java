/**
 * The audit log: an append-only record of who changed a stage, an owner, a routing rule, a scoring model, a
 * consent or a user's roles, with an admin viewer and CSV export.
 */
@NamedInterface("audit")
package jp.nurture.leads.core.audit;

import org.springframework.modulith.NamedInterface;
