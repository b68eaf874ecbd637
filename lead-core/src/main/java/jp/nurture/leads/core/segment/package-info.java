/**
 * Segments: condition trees on person, company, lead and behaviour, compiled to one parameterised SQL query;
 * saved segments stay dynamic until frozen, export as CSV and serve as campaign audiences.
 */
@NamedInterface("segment")
package jp.nurture.leads.core.segment;

import org.springframework.modulith.NamedInterface;
