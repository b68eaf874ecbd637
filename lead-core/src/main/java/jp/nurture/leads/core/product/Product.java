package jp.nurture.leads.core.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A product the company sells. Each product is nurtured on its own: its own target, scoring, hot threshold,
 * campaigns, unsubscribe list, routing and dashboard.
 */
@Entity
@Table(name = "product")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String code;

    private String name;

    private boolean active = true;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_industries", columnDefinition = "text[]")
    private String[] targetIndustries = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_revenue_bands", columnDefinition = "text[]")
    private String[] targetRevenueBands = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_employee_bands", columnDefinition = "text[]")
    private String[] targetEmployeeBands = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_prefectures", columnDefinition = "text[]")
    private String[] targetPrefectures = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_departments", columnDefinition = "text[]")
    private String[] targetDepartments = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_title_levels", columnDefinition = "text[]")
    private String[] targetTitleLevels = {};

    @Column(name = "typical_lead_time_months")
    private Integer typicalLeadTimeMonths;

    @Column(name = "typical_deal_size_yen")
    private Long typicalDealSizeYen;

    @Column(name = "target_notes")
    private String targetNotes;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt = Instant.now();

    @Version
    private long version;

    protected Product() {
    }

    public Product(String code, String name, TargetDefinition target) {
        rename(code, name);
        redefineTarget(target);
    }

    public void rename(String code, String name) {
        this.code = Objects.requireNonNull(code, "code").strip().toUpperCase(Locale.ROOT);
        this.name = Objects.requireNonNull(name, "name").strip();
    }

    public void redefineTarget(TargetDefinition target) {
        this.targetIndustries = names(target.industries());
        this.targetRevenueBands = names(target.revenueBands());
        this.targetEmployeeBands = names(target.employeeBands());
        this.targetPrefectures = names(target.prefectures());
        this.targetDepartments = target.departments().stream().sorted().toArray(String[]::new);
        this.targetTitleLevels = names(target.titleLevels());
        this.typicalLeadTimeMonths = target.typicalLeadTimeMonths();
        this.typicalDealSizeYen = target.typicalDealSizeYen();
        this.targetNotes = target.notes();
    }

    public TargetDefinition getTarget() {
        return new TargetDefinition(
                enums(targetIndustries, Industry.class),
                enums(targetRevenueBands, RevenueBand.class),
                enums(targetEmployeeBands, EmployeeBand.class),
                enums(targetPrefectures, Prefecture.class),
                new LinkedHashSet<>(Arrays.asList(targetDepartments)),
                enums(targetTitleLevels, TitleLevel.class),
                typicalLeadTimeMonths, typicalDealSizeYen, targetNotes);
    }

    public void activate(boolean active) {
        this.active = active;
    }

    private static String[] names(Collection<? extends Enum<?>> values) {
        return values.stream().sorted().map(Enum::name).toArray(String[]::new);
    }

    private static <E extends Enum<E>> Set<E> enums(String[] names, Class<E> type) {
        Function<String, E> parse = n -> Enum.valueOf(type, n);
        return names.length == 0 ? EnumSet.noneOf(type)
                : Arrays.stream(names).map(parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(type)));
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public boolean isActive() {
        return active;
    }

    public long getVersion() {
        return version;
    }
}
