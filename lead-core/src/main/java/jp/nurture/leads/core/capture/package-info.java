/**
 * Lead capture: CSV imports of exhibition and seminar lists as background jobs, deduplication and merge of
 * people and companies, column mappings remembered per source, and custom fields per product.
 */
@NamedInterface("capture")
package jp.nurture.leads.core.capture;

import org.springframework.modulith.NamedInterface;
