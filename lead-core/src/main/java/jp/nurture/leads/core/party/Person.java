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

/**
 * A person at a company. One person can be a lead for several products at once; the e-mail address, when
 * known, identifies the person across forms, imports and tracked clicks.
 */
@Entity
@Table(name = "person")
public class Person {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "company_id")
    private Long companyId;

    @Column(name = "full_name")
    private String fullName;

    private String kana;

    private String email;

    private String phone;

    private String department;

    @Column(name = "job_title")
    private String jobTitle;

    @Enumerated(EnumType.STRING)
    @Column(name = "title_level")
    private TitleLevel titleLevel;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at")
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected Person() {
    }

    public Person(String fullName, String email, Long companyId) {
        rename(fullName, null);
        changeEmail(email);
        this.companyId = companyId;
    }

    public void rename(String fullName, String kana) {
        this.fullName = Objects.requireNonNull(JapaneseText.clean(fullName), "name is required");
        this.kana = JapaneseText.clean(JapaneseText.normalizeWidth(kana));
    }

    /** Stores the address in its normalised form, so full-width or upper-case spellings find the same person. */
    public void changeEmail(String email) {
        this.email = JapaneseText.email(email);
    }

    public void changeContact(String phone, String department, String jobTitle, TitleLevel titleLevel) {
        this.phone = JapaneseText.phone(phone);
        this.department = JapaneseText.clean(department);
        this.jobTitle = JapaneseText.clean(jobTitle);
        this.titleLevel = titleLevel;
    }

    public void moveToCompany(Long companyId) {
        this.companyId = companyId;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getCompanyId() {
        return companyId;
    }

    public String getFullName() {
        return fullName;
    }

    public String getKana() {
        return kana;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public String getDepartment() {
        return department;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public TitleLevel getTitleLevel() {
        return titleLevel;
    }

    public long getVersion() {
        return version;
    }
}
