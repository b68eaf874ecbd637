package jp.nurture.leads.web.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import jp.nurture.leads.core.report.ReportTable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a report table into what the reader sees: cells in their language, the chart's JSON for the static script
 * (no inline scripts), and CSV. Used in templates as {@code @reportViews}.
 */
@Component("reportViews")
public class ReportViews {

    private final MessageSource messages;
    private final JsonMapper json;

    ReportViews(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** A cell as shown: labels translated, counts with separators, percentages with one decimal, "—" for none. */
    public String cell(ReportTable table, List<Object> row, int column) {
        Object value = row.get(column);
        String key = table.columns().get(column);
        if (value == null) {
            return "—";
        }
        if (value instanceof ReportTable.Label || value instanceof ReportTable.Name) {
            return text(value);
        }
        if (value instanceof Double d) {
            String number = String.format(Locale.ROOT, "%.1f", d);
            return key.endsWith("_pct") ? number + "%" : number;
        }
        if (value instanceof Long n) {
            String digits = NumberFormat.getIntegerInstance(Locale.JAPAN).format(n);
            return key.endsWith("_yen") ? (japanese() ? digits + "円" : "¥" + digits) : digits;
        }
        return value.toString();
    }

    /** Whether a column holds numbers (right-aligned). */
    public boolean numeric(ReportTable table, int column) {
        return column > 0;
    }

    public String header(String key) {
        return messages.getMessage("report.col." + key, null, key, LocaleContextHolder.getLocale());
    }

    /** Each panel's chart JSON by panel id, for the canvases' data attributes. */
    Map<String, String> charts(List<ReportTable> tables) {
        Map<String, String> charts = new LinkedHashMap<>();
        tables.stream().filter(t -> t.chart() != null).forEach(t -> charts.put(t.id(), chart(t)));
        return charts;
    }

    /** The chart as Chart.js configuration data: one dataset per series column, the first column as labels. */
    public String chart(ReportTable table) {
        List<String> labels = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            labels.add(text(row.get(0)));
        }
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (String series : table.series()) {
            int i = table.columns().indexOf(series);
            List<Object> data = new ArrayList<>();
            table.rows().forEach(r -> data.add(r.get(i)));
            Map<String, Object> dataset = new LinkedHashMap<>();
            dataset.put("label", header(series));
            dataset.put("data", data);
            datasets.add(dataset);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", table.chart());
        chart.put("labels", labels);
        chart.put("datasets", datasets);
        return json.writeValueAsString(chart);
    }

    /** Writes tables as one CSV (UTF-8 with BOM, so Excel reads Japanese), formula-like cells neutralised. */
    void csv(List<ReportTable> tables, String filename, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        response.getOutputStream().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL);
        for (ReportTable table : tables) {
            csv.printRecord(table.columns().stream().map(this::header).map(ReportViews::neutralise).toList());
            for (List<Object> row : table.rows()) {
                List<String> cells = new ArrayList<>();
                for (Object value : row) {
                    // Numbers are written as numbers; only text (names, reasons, labels) can smuggle a formula.
                    cells.add(value == null ? "" : value instanceof Number n ? n.toString()
                            : neutralise(text(value)));
                }
                csv.printRecord(cells);
            }
        }
        csv.flush();
    }

    /** Keeps a spreadsheet from running a cell as a formula (CSV injection). */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    /** A label or a name in the reader's language; anything else as it is. */
    private String text(Object value) {
        if (value instanceof ReportTable.Label label) {
            return messages.getMessage(label.key(), null, label.text() == null ? label.key() : label.text(),
                    LocaleContextHolder.getLocale());
        }
        if (value instanceof ReportTable.Name name) {
            return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? name.en() : name.ja();
        }
        return String.valueOf(value);
    }

    private static boolean japanese() {
        return Locale.JAPANESE.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
