package jp.nurture.leads.core.lead;

import java.time.LocalDate;
import jp.nurture.leads.core.party.TitleLevel;

/** What inside sales may change on a lead and its person, with the lead version the edit was based on. */
public record LeadEdit(long version, String fullName, String kana, String email, String phone, String department,
        String jobTitle, TitleLevel titleLevel, Bant bant, LocalDate plannedAdoptionDate, Integer expectedUsers,
        String placeOfUse, Long ownerId) {
}
