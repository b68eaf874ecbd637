package jp.nurture.leads.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * The first sheet of an {@code .xlsx} workbook, streamed row by row with fastexcel-reader (StAX over the ZIP
 * entries, DTDs and external entities refused), so a sheet of a million rows reads in flat memory. Cells come
 * out as the text a CSV export of the sheet would hold: dates as {@code yyyy-MM-dd[ HH:mm:ss]}, numbers without
 * Excel's float noise, formulas as their last computed value.
 */
final class XlsxFile extends ImportFile {

    private static final Pattern DIMENSION = Pattern.compile("<dimension ref=\"[A-Z]+\\d+:[A-Z]+(\\d+)\"");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final long expectedRows;
    private int width = -1;
    private long read;

    XlsxFile(Path file) throws IOException {
        this.expectedRows = expectedRows(file);
        this.workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
        try {
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
        } catch (IOException | RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    /** A ZIP file whose entries include an Office Open XML workbook part. */
    static boolean isWorkbook(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        return head.length == 4 && ReadableWorkbook.isOOXMLZipHeader(head);
    }

    @Override
    String encoding() {
        return "xlsx";
    }

    @Override
    char separator() {
        return ',';
    }

    @Override
    Record next() {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                List<String> fields = cells(row);
                read++;
                if (fields.stream().allMatch(String::isEmpty)) {
                    continue; // as a CSV export would skip a blank line
                }
                if (width < 0) {
                    width = fields.size(); // the header row decides how many columns the sheet has
                }
                return new Record(fields, row.getRowNum());
            }
            return null;
        } catch (RuntimeException e) {
            throw new Unreadable(e.getMessage(), e);
        }
    }

    private List<String> cells(Row row) {
        List<String> fields = new ArrayList<>(Math.max(width, row.getCellCount()));
        for (int i = 0; i < row.getCellCount(); i++) {
            fields.add(text(row.getCell(i)));
        }
        // Excel leaves out trailing empty cells, and keeps formatted empty ones past the last column.
        int keep = fields.size();
        while (keep > 0 && fields.get(keep - 1).isEmpty() && (width < 0 || keep > width)) {
            keep--;
        }
        List<String> trimmed = new ArrayList<>(fields.subList(0, keep));
        while (width > 0 && trimmed.size() < width) {
            trimmed.add("");
        }
        return trimmed;
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER || cell.getType() == CellType.FORMULA && isNumber(cell.getRawValue())) {
            String raw = cell.getRawValue();
            if (raw == null || raw.isEmpty()) {
                return "";
            }
            if (isDateFormat(cell.getDataFormatId(), cell.getDataFormatString())) {
                LocalDateTime at = cell.asDate();
                return at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? at.toLocalDate().toString()
                        : at.format(DATE_TIME);
            }
            try {
                return new BigDecimal(raw).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        if (cell.getType() == CellType.BOOLEAN) {
            return "1".equals(cell.getRawValue()) ? "TRUE" : "FALSE";
        }
        String text = cell.getType() == CellType.FORMULA ? cell.getRawValue() : cell.getText();
        return text == null ? "" : text;
    }

    private static boolean isNumber(String raw) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        try {
            new BigDecimal(raw);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Built-in date formats (including the Japanese ones, 27–36 and 50–58) or a custom one with date parts. */
    static boolean isDateFormat(Integer id, String format) {
        if (id != null && (id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47
                || id >= 50 && id <= 58)) {
            return true;
        }
        if (format == null || format.isBlank() || "General".equalsIgnoreCase(format)) {
            return false;
        }
        // Quoted literals, escaped characters and [colour]/[locale] sections say nothing about dates.
        String bare = format.replaceAll("\"[^\"]*\"|\\\\.|\\[[^\\]]*\\]", "");
        return bare.matches("(?i).*[ymdhse].*") && !bare.matches("(?i).*[#0?].*");
    }

    /** The last row the sheet's dimension names, so the progress bar can move; 0 when it names none. */
    private static long expectedRows(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            if (sheet == null) {
                return 0;
            }
            try (InputStream in = zip.getInputStream(sheet)) {
                String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
                Matcher m = DIMENSION.matcher(head);
                return m.find() ? Long.parseLong(m.group(1)) : 0;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    long position() {
        return expectedRows == 0 ? 0 : Math.min(read, expectedRows);
    }

    @Override
    long size() {
        return expectedRows;
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
