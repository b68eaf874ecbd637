package jp.nurture.leads.web.admin;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import jp.nurture.leads.core.user.AppUser;
import jp.nurture.leads.core.user.Role;

/** The admin's user form; the password is required for a new user and optional (kept) when editing. */
record UserForm(
        @NotBlank @Size(max = 60) @Pattern(regexp = "^[A-Za-z0-9._@-]*$")
        String username,
        @NotBlank @Size(max = 120) String displayName,
        @Email @Size(max = 254) String email,
        @Size(max = 200) String password,
        @NotEmpty Set<Role> roles,
        Set<Long> productIds,
        Boolean enabled) {

    static UserForm blank() {
        return new UserForm("", "", "", "", Set.of(), Set.of(), true);
    }

    static UserForm of(AppUser user) {
        return new UserForm(user.getUsername(), user.getDisplayName(), user.getEmail(), "", user.getRoles(),
                user.getProductIds(), user.isEnabled());
    }

    Set<Long> productIdsOrNone() {
        return productIds == null ? Set.of() : productIds;
    }

    /** An unchecked box sends nothing; absent means no. */
    boolean mayUse() {
        return Boolean.TRUE.equals(enabled);
    }

    boolean hasPassword() {
        return password != null && !password.isEmpty();
    }
}
