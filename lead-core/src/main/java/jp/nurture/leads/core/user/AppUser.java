package jp.nurture.leads.core.user;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import jp.nurture.leads.core.product.ProductScope;

/** Someone who signs in: their roles and, optionally, the only products they may see. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    @Column(name = "display_name")
    private String displayName;

    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    private boolean enabled = true;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role")
    private Set<Role> roles = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_product", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "product_id")
    private Set<Long> productIds = new HashSet<>();

    @Version
    private long version;

    protected AppUser() {
    }

    public AppUser(String username, String displayName, String email, String passwordHash) {
        this.username = Objects.requireNonNull(username, "username").strip();
        describe(displayName, email);
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public void describe(String displayName, String email) {
        this.displayName = Objects.requireNonNull(displayName, "displayName").strip();
        this.email = email == null || email.isBlank() ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public void grant(Set<Role> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    /** Limits the user to these products; an empty set lifts the limit. */
    public void limitTo(Set<Long> productIds) {
        this.productIds.clear();
        this.productIds.addAll(productIds);
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public ProductScope scope() {
        return productIds.isEmpty() ? ProductScope.all() : ProductScope.only(productIds);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Set<Role> getRoles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public Set<Long> getProductIds() {
        return Set.copyOf(productIds);
    }

    public long getVersion() {
        return version;
    }
}
