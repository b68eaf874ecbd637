/**
 * Web tracking: signed tracked links, visitors known by a first-party cookie, page views buffered in memory and
 * written in batches, identity stitching of a visitor's anonymous views onto the lead, topic rules per product.
 */
@NamedInterface("tracking")
package jp.nurture.leads.core.tracking;

import org.springframework.modulith.NamedInterface;
