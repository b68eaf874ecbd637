package jp.nurture.leads.core.capture;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.Objects;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;

/**
 * What a marketer chose for one file: the product, the source (mappings are remembered by its name), the
 * channel and event the rows count as, the activity each row records and how existing data is merged.
 * {@code charset} null means detect; {@code eventDate} dates rows that carry no date of their own.
 */
public record ImportRequest(long productId, String sourceName, String fileName, Charset charset, Channel channel,
        String sourceDetail, ActivityType activityType, LocalDate eventDate, MergePolicy mergePolicy, Long createdBy) {

    public ImportRequest {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(activityType, "activityType");
        Objects.requireNonNull(mergePolicy, "mergePolicy");
        fileName = fileName == null || fileName.isBlank() ? "import.csv" : fileName;
    }
}
