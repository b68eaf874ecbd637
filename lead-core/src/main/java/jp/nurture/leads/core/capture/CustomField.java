package jp.nurture.leads.core.capture;

import java.util.List;

/** A field a product keeps on its leads beyond the standard ones, e.g. "利用中の会計ソフト" (choice). */
public record CustomField(long id, long productId, String key, String label, CustomFieldType type,
        List<String> choices) {

    /** The mapping key an import column uses to fill this field. */
    public String mappingKey() {
        return "custom:" + key;
    }
}
