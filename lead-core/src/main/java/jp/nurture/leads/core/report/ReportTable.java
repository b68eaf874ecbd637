package jp.nurture.leads.core.report;

import java.util.List;

/**
 * One panel of a dashboard as a table: the web tier draws its chart from the same rows, shows the table under the
 * chart and exports it as CSV, so every number on screen can be checked and taken away. A column key ending in
 * {@code _pct} holds a percentage (null when there was nothing to divide by).
 *
 * @param id        stable name of the panel (used in URLs, element ids and message keys)
 * @param chart     how to draw it: {@code bar}, {@code line}, or null for a table only
 * @param columns   column keys; the first column labels the rows
 * @param series    the columns the chart plots
 * @param rows      cells: {@link Label}, {@link Name}, String, Long, Double
 */
public record ReportTable(String id, String chart, List<String> columns, List<String> series, List<List<Object>> rows) {

    public ReportTable {
        columns = List.copyOf(columns);
        series = List.copyOf(series);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** A row label the reader sees in their language: a message key with an optional fallback text. */
    public record Label(String key, String text) {
    }

    /** A row label people named in both languages (an e-mail type): the reader sees theirs. */
    public record Name(String ja, String en) {
    }

    public static Label label(String key) {
        return new Label(key, null);
    }

    /** The cell of a row by column key. */
    public Object cell(List<Object> row, String column) {
        return row.get(columns.indexOf(column));
    }

    /** The row whose first cell is the label with this key, or the text. */
    public List<Object> row(String first) {
        return rows.stream().filter(r -> r.get(0) instanceof Label l ? first.equals(l.key()) : first.equals(r.get(0)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no row " + first + " in " + id));
    }
}
