package jp.nurture.leads.core.capture;

import java.util.List;
import java.util.Map;

/** The first rows of an uploaded file and the mapping proposed for its columns (remembered or guessed). */
public record ImportPreview(ImportJob job, String charset, char separator, List<String> header,
        List<List<String>> rows, Map<String, String> mapping, List<CustomField> customFields) {
}
