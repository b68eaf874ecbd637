package jp.nurture.leads.core.capture;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The records of an uploaded file, read as a stream whatever its size: a CSV in any of the dialects
 * {@link CsvDialect} knows, or the first sheet of an {@code .xlsx} workbook ({@link XlsxFile}). Both give the
 * header and then one list of cell texts per record, with the line (or sheet row) it started on.
 */
abstract class ImportFile implements Closeable {

    /** One record: its cells as text and the line or sheet row it starts on. */
    record Record(List<String> fields, long lineNo) {
    }

    /** The file cannot be split into records from here on (an unclosed quote, a damaged workbook). */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Opens the file as a workbook when it is one (a ZIP holding an Office Open XML package), else as a CSV.
     *
     * @param chosen the charset a marketer chose for a CSV, null to detect
     * @param lenient for a preview: read an unclosed quote to the end rather than fail
     */
    static ImportFile open(Path file, Charset chosen, boolean lenient) {
        try {
            return XlsxFile.isWorkbook(file) ? new XlsxFile(file) : new CsvFile(file, chosen, lenient);
        } catch (org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new Unreadable(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the preview shows as the encoding: the CSV's charset, or "xlsx". */
    abstract String encoding();

    /** The CSV separator; a comma for workbooks (the error file writes their rows so). */
    abstract char separator();

    /** The next record, null at the end; throws {@link Unreadable} when the rest cannot be read. */
    abstract Record next();

    /** How far the reading got, in the units of {@link #size()}, for the progress bar. */
    abstract long position();

    /** The file's size in bytes, or what {@link #position()} counts up to. */
    abstract long size();

    /** A record as one line of the error file, in the file's own separator. */
    String raw(List<String> fields) {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().fieldSeparator(separator()).lineDelimiter(LineDelimiter.LF)
                .build(out)) {
            writer.writeRecord(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String line = out.toString();
        return (line.endsWith("\n") ? line.substring(0, line.length() - 1) : line).replace("\0", "");
    }

    /** A CSV read with FastCSV, counting bytes so progress and ETA follow the file whatever its rows look like. */
    static final class CsvFile extends ImportFile {
        private final CsvDialect dialect;
        private final CountingStream counting;
        private final Iterator<CsvRecord> records;
        private final long size;

        CsvFile(Path file, Charset chosen, boolean lenient) throws IOException {
            this.dialect = CsvDialect.detect(file, chosen);
            this.size = Files.size(file);
            this.counting = new CountingStream(Files.newInputStream(file));
            if (dialect.bom()) {
                counting.skipNBytes(3);
            }
            CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(dialect.separator())
                    .allowExtraFields(true).allowMissingFields(true).allowExtraCharsAfterClosingQuote(true)
                    .allowUnclosedQuote(lenient).skipEmptyLines(true)
                    .ofCsvRecord(new InputStreamReader(counting, dialect.charset()));
            this.records = reader.iterator();
        }

        @Override
        String encoding() {
            return dialect.charset().name();
        }

        @Override
        char separator() {
            return dialect.separator();
        }

        @Override
        Record next() {
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CsvRecord record = records.next();
                return new Record(record.getFields(), record.getStartingLineNumber());
            } catch (UncheckedIOException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new Unreadable(e.getMessage(), e);
            }
        }

        @Override
        long position() {
            return counting.count;
        }

        @Override
        long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            counting.close();
        }
    }

    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
