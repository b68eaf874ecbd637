package jp.nurture.leads.web.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Optional;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.Bant;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadEdit;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.party.JapaneseText;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.party.TitleLevel;

/**
 * The lead edit page's fields: only what inside sales may change, never the entity itself. Numbers and dates
 * arrive as text so that one mistyped number does not hide the other fields' errors; full-width digits and
 * thousands separators are accepted, as Japanese users type them.
 */
record LeadForm(
        @NotNull Long version,
        @NotBlank @Size(max = 120) String fullName,
        @Size(max = 120) String kana,
        @Email @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "^[0-9０-９+()（）\\-－ー‐ 　]*$") String phone,
        @Size(max = 120) String department,
        @Size(max = 120) String jobTitle,
        TitleLevel titleLevel,
        @Pattern(regexp = WHOLE_NUMBER) @Size(max = 16) String budgetYen,
        @Size(max = 500) String budgetNote,
        Authority authority,
        @Size(max = 4000) String need,
        Timeframe timeframe,
        @Pattern(regexp = "^(\\d{4}-\\d{2}-\\d{2})?$") String plannedAdoptionDate,
        @Pattern(regexp = WHOLE_NUMBER) @Size(max = 9) String expectedUsers,
        @Size(max = 200) String placeOfUse,
        Long ownerId) {

    static final String WHOLE_NUMBER = "^[0-9０-９,，]*$";

    static LeadForm of(Lead lead, Person person) {
        Bant bant = lead.getBant();
        return new LeadForm(lead.getVersion(), person.getFullName(), person.getKana(), person.getEmail(),
                person.getPhone(), person.getDepartment(), person.getJobTitle(), person.getTitleLevel(),
                text(bant.budgetYen()), bant.budgetNote(), bant.authority(), bant.need(), bant.timeframe(),
                lead.getPlannedAdoptionDate() == null ? null : lead.getPlannedAdoptionDate().toString(),
                text(lead.getExpectedUsers()), lead.getPlaceOfUse(), lead.getOwnerId());
    }

    /** Call after validation passed and {@link #adoptionDate()} parsed. */
    LeadEdit toEdit() {
        Long users = number(expectedUsers);
        return new LeadEdit(version, fullName, kana, email, phone, department, jobTitle, titleLevel,
                new Bant(number(budgetYen), blankToNull(budgetNote), authority, blankToNull(need), timeframe),
                adoptionDate().orElse(null), users == null ? null : users.intValue(), placeOfUse, ownerId);
    }

    /** The planned adoption date, empty when not given; an impossible date such as 2026-02-30 throws. */
    Optional<LocalDate> adoptionDate() {
        return plannedAdoptionDate == null || plannedAdoptionDate.isBlank() ? Optional.empty()
                : Optional.of(LocalDate.parse(plannedAdoptionDate));
    }

    private static Long number(String text) {
        if (text == null) {
            return null;
        }
        String digits = JapaneseText.normalizeWidth(text).replace(",", "").strip();
        return digits.isEmpty() ? null : Long.valueOf(digits);
    }

    private static String text(Number number) {
        return number == null ? null : number.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
