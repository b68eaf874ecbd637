package jp.nurture.leads.web.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.TargetDefinition;

/** The admin's product form with its target definition; departments are typed one per line or comma-separated. */
record ProductForm(
        @NotBlank @Size(max = 40) @Pattern(regexp = "^[A-Za-z0-9_-]*$") String code,
        @NotBlank @Size(max = 200) String name,
        Boolean active,
        Set<Industry> industries,
        Set<RevenueBand> revenueBands,
        Set<EmployeeBand> employeeBands,
        Set<Prefecture> prefectures,
        @Size(max = 2000) String departments,
        Set<TitleLevel> titleLevels,
        @PositiveOrZero @Max(120) Integer typicalLeadTimeMonths,
        @PositiveOrZero @Max(1_000_000_000_000L) Long typicalDealSizeYen,
        @Size(max = 4000) String notes) {

    static ProductForm blank() {
        return new ProductForm("", "", true, Set.of(), Set.of(), Set.of(), Set.of(), "", Set.of(), null, null, "");
    }

    static ProductForm of(Product product) {
        TargetDefinition t = product.getTarget();
        return new ProductForm(product.getCode(), product.getName(), product.isActive(), t.industries(),
                t.revenueBands(), t.employeeBands(), t.prefectures(), String.join("\n", t.departments()),
                t.titleLevels(), t.typicalLeadTimeMonths(), t.typicalDealSizeYen(), t.notes());
    }

    /** An unchecked box sends nothing; absent means inactive. */
    boolean isActive() {
        return Boolean.TRUE.equals(active);
    }

    TargetDefinition target() {
        Set<String> departmentSet = departments == null ? Set.of()
                : Arrays.stream(departments.split("[,、\\n]")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet());
        return new TargetDefinition(industries, revenueBands, employeeBands, prefectures, departmentSet, titleLevels,
                typicalLeadTimeMonths, typicalDealSizeYen, notes == null || notes.isBlank() ? null : notes.strip());
    }
}
