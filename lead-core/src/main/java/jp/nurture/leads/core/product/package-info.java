/**
 * Products and their target definitions (industry, size, region, department, title, lead time, deal size).
 */
@NamedInterface("product")
package jp.nurture.leads.core.product;

import org.springframework.modulith.NamedInterface;
