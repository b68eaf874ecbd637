package jp.nurture.leads.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityType;

/** Something a lead did elsewhere, reported by another system; scoring reacts to it like to any activity. */
@Schema(name = "ActivityInput")
record ActivityInput(
        @NotNull @Schema(description = "One of NOTE, CALL, EMAIL_OPENED, EMAIL_CLICKED, FORM_SUBMITTED, PAGE_VIEWED, "
                + "DOCUMENT_DOWNLOADED, SEMINAR_ATTENDED, EXHIBITION_ATTENDED, WON, LOST") ActivityType type,
        @Schema(description = "When it happened (default now); not more than 5 minutes ahead") Instant occurredAt,
        @Schema(description = "Free details kept on the timeline, e.g. url, topic, form")
        @Size(max = 30) Map<String, Object> detail) {
}
