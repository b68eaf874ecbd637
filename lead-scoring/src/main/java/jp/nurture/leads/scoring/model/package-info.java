/**
 * The scoring model as plain Java: criteria, rules, the hot rule, next-action bands, the seed table and the
 * policies that decide whether a model may be saved. No framework code lives here (an ArchUnit test checks it).
 */
@NamedInterface("model")
package jp.nurture.leads.scoring.model;

import org.springframework.modulith.NamedInterface;
