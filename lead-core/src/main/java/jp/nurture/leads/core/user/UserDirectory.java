package jp.nurture.leads.core.user;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and maintains users. Passwords arrive already hashed: hashing belongs to the security layer. */
@Service
@Transactional(readOnly = true)
public class UserDirectory {

    private final Users users;
    private final AuditLog audit;

    UserDirectory(Users users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    public List<AppUser> all() {
        return users.findAllByOrderByUsername();
    }

    public AppUser get(Long id) {
        return users.findById(id).orElseThrow(() -> new UserNotFound(String.valueOf(id)));
    }

    public AppUser byUsername(String username) {
        return users.findByUsername(username).orElseThrow(() -> new UserNotFound(username));
    }

    /** Users holding a role, for owner pickers; disabled users are left out. */
    public List<AppUser> withRole(Role role) {
        return users.findAllByOrderByUsername().stream().filter(u -> u.isEnabled() && u.has(role)).toList();
    }

    @Transactional
    public AppUser create(String username, String displayName, String email, String passwordHash, Set<Role> roles,
            Set<Long> productIds) {
        if (users.findByUsername(username.strip()).isPresent()) {
            throw new UsernameTaken(username.strip());
        }
        AppUser user = new AppUser(username, displayName, email, passwordHash);
        user.grant(roles);
        user.limitTo(productIds);
        AppUser saved = users.save(user);
        audit.record(AuditAction.USER_CREATED, "USER", saved.getId(), null, access(saved));
        return saved;
    }

    /** Changes a user's details; a null password hash keeps the current password. */
    @Transactional
    public AppUser update(Long id, String displayName, String email, String passwordHashOrNull, Set<Role> roles,
            Set<Long> productIds, boolean enabled) {
        AppUser user = get(id);
        Map<String, Object> before = access(user);
        user.describe(displayName, email);
        user.grant(roles);
        user.limitTo(productIds);
        user.enable(enabled);
        Map<String, Object> after = access(user);
        if (!before.equals(after)) {
            audit.record(AuditAction.USER_ROLES_CHANGED, "USER", user.getId(), null,
                    Map.of("before", before, "after", after));
        }
        if (passwordHashOrNull != null) {
            user.changePasswordHash(passwordHashOrNull);
        }
        return user;
    }

    /** No user by that id or name. */
    public static class UserNotFound extends RuntimeException {
        public UserNotFound(String key) {
            super("user " + key + " not found");
        }
    }

    /** The username is already in use. */
    public static class UsernameTaken extends RuntimeException {
        public UsernameTaken(String username) {
            super("username " + username + " is taken");
        }
    }

    /** What a user may do: roles, product scope and whether the account is enabled (sorted, for comparison). */
    private static Map<String, Object> access(AppUser user) {
        Map<String, Object> access = new TreeMap<>();
        access.put("roles", user.getRoles().stream().map(Enum::name).sorted().toList());
        access.put("products", user.getProductIds().stream().sorted().toList());
        access.put("enabled", user.isEnabled());
        return access;
    }
}
