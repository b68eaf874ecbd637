/**
 * Users, their roles and the products they may see.
 */
@NamedInterface("user")
package jp.nurture.leads.core.user;

import org.springframework.modulith.NamedInterface;
