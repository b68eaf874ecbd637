/**
 * Personal data on request (Japan's APPI): everything held about one person as one document, and erasure from
 * every table, leaving an audit record without personal data and a suppression entry so no email reaches the
 * address again.
 */
@NamedInterface("privacy")
package jp.nurture.leads.core.privacy;

import org.springframework.modulith.NamedInterface;
