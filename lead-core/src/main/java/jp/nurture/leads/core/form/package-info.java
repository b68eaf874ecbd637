/**
 * Forms: per-product lead capture forms (fields, labels in Japanese and English, consent boxes, channel, thank-you
 * or redirect), their public submissions merged through lead capture, progressive profiling and the per-address
 * submission limit.
 */
@NamedInterface("form")
package jp.nurture.leads.core.form;

import org.springframework.modulith.NamedInterface;
