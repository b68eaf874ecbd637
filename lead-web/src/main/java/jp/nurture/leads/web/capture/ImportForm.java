package jp.nurture.leads.web.capture;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.capture.MergePolicy;
import jp.nurture.leads.core.lead.Channel;
import org.springframework.format.annotation.DateTimeFormat;

/** The upload form: which product and source the file is, what its rows count as, and how to merge. */
record ImportForm(@NotNull Long product, @NotBlank @Size(max = 200) String sourceName, @NotNull Channel channel,
        @Size(max = 200) String sourceDetail, @NotNull ActivityType activityType,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate eventDate, @NotNull MergePolicy mergePolicy,
        @Pattern(regexp = "|UTF-8|windows-31j") String charset) {

    static ImportForm empty() {
        return new ImportForm(null, null, Channel.EXHIBITION, null, ActivityType.EXHIBITION_ATTENDED, null,
                MergePolicy.FILL_EMPTY, "");
    }
}
