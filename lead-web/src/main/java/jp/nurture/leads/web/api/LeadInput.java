package jp.nurture.leads.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.capture.MergePolicy;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.party.Industry;

/**
 * A lead to create or update: the person is found by email, else external id, else company + name (+ phone),
 * exactly as an import row is.
 */
@Schema(name = "LeadInput", description = "A lead to create or update, deduplicated like an import row.")
record LeadInput(
        @NotNull @Valid Person person,
        @Valid Company company,
        @Valid Lead lead,
        @Schema(description = "FILL_EMPTY (default) keeps known values; OVERWRITE replaces them with the given ones.")
        MergePolicy mergePolicy,
        @Schema(description = "The activity recorded for this capture (default FORM_SUBMITTED).")
        ActivityType activityType) {

    @Schema(name = "LeadInputPerson", description = "At least one of email, externalId, fullName or lastName.")
    record Person(@Size(max = 254) String email, @Size(max = 120) String externalId, @Size(max = 120) String fullName,
            @Size(max = 60) String lastName, @Size(max = 60) String firstName, @Size(max = 120) String kana,
            @Size(max = 40) String phone, @Size(max = 120) String department, @Size(max = 120) String jobTitle) {
    }

    @Schema(name = "LeadInputCompany")
    record Company(@Size(max = 200) String name,
            @Schema(description = "東京都, 東京, TOKYO or the JIS code 13") @Size(max = 20) String prefecture,
            Industry industry) {
    }

    @Schema(name = "LeadInputLead")
    record Lead(@Schema(description = "How the lead reached you (default API)") Channel channel,
            @Size(max = 200) String sourceDetail, LocalDate plannedAdoptionDate, Integer expectedUsers,
            @Schema(description = "Custom field values by key, as defined for the product (text, number, "
                    + "ISO date or one of the choices)")
            @Size(max = 100) Map<String, Object> custom) {
    }
}
