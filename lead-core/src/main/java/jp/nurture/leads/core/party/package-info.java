/**
 * Companies and people, with the Japanese normalisation used to recognise the same one twice.
 */
@NamedInterface("party")
package jp.nurture.leads.core.party;

import org.springframework.modulith.NamedInterface;
