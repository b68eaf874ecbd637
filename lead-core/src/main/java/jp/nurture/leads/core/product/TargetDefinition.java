package jp.nurture.leads.core.product;

import java.util.Set;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;

/**
 * Who a product is for (defined first, before any campaign): industries, company sizes, regions, departments,
 * title levels, how long a purchase usually takes and how large a deal usually is. Empty sets mean "any".
 */
public record TargetDefinition(
        Set<Industry> industries,
        Set<RevenueBand> revenueBands,
        Set<EmployeeBand> employeeBands,
        Set<Prefecture> prefectures,
        Set<String> departments,
        Set<TitleLevel> titleLevels,
        Integer typicalLeadTimeMonths,
        Long typicalDealSizeYen,
        String notes) {

    public TargetDefinition {
        industries = Set.copyOf(industries == null ? Set.of() : industries);
        revenueBands = Set.copyOf(revenueBands == null ? Set.of() : revenueBands);
        employeeBands = Set.copyOf(employeeBands == null ? Set.of() : employeeBands);
        prefectures = Set.copyOf(prefectures == null ? Set.of() : prefectures);
        departments = Set.copyOf(departments == null ? Set.of() : departments);
        titleLevels = Set.copyOf(titleLevels == null ? Set.of() : titleLevels);
    }

    public static TargetDefinition any() {
        return new TargetDefinition(null, null, null, null, null, null, null, null, null);
    }
}
