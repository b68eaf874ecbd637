package jp.nurture.leads.core.party;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/** A company leads work for; its normalised name is how two spellings of it are recognised as one. */
@Entity
@Table(name = "company")
public class Company {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(name = "normalized_name")
    private String normalizedName;

    @Enumerated(EnumType.STRING)
    private Industry industry;

    @Enumerated(EnumType.STRING)
    @Column(name = "revenue_band")
    private RevenueBand revenueBand;

    @Enumerated(EnumType.STRING)
    @Column(name = "employee_band")
    private EmployeeBand employeeBand;

    @Enumerated(EnumType.STRING)
    private Prefecture prefecture;

    @Column(name = "existing_customer")
    private boolean existingCustomer;

    @Column(name = "account_owner_id")
    private Long accountOwnerId;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at")
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected Company() {
    }

    public Company(String name) {
        rename(name);
    }

    /** Renames the company and recomputes the key that recognises other spellings of the same name. */
    public void rename(String name) {
        String cleaned = JapaneseText.clean(name);
        this.name = Objects.requireNonNull(cleaned, "company name is required");
        this.normalizedName = JapaneseText.companyKey(cleaned);
    }

    public void describe(Industry industry, RevenueBand revenueBand, EmployeeBand employeeBand, Prefecture prefecture) {
        this.industry = industry;
        this.revenueBand = revenueBand;
        this.employeeBand = employeeBand;
        this.prefecture = prefecture;
    }

    /** Marks the company as an existing customer, whose inquiries must reach its account owner. */
    public void becomeCustomer(Long accountOwnerId) {
        this.existingCustomer = true;
        this.accountOwnerId = accountOwnerId;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getNormalizedName() {
        return normalizedName;
    }

    public Industry getIndustry() {
        return industry;
    }

    public RevenueBand getRevenueBand() {
        return revenueBand;
    }

    public EmployeeBand getEmployeeBand() {
        return employeeBand;
    }

    public Prefecture getPrefecture() {
        return prefecture;
    }

    public boolean isExistingCustomer() {
        return existingCustomer;
    }

    public Long getAccountOwnerId() {
        return accountOwnerId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}
