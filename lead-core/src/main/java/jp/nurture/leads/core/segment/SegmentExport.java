package jp.nurture.leads.core.segment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jp.nurture.leads.core.product.ProductScope;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a segment's leads as CSV for Excel: UTF-8 with a byte-order mark (Excel then reads Japanese correctly), or
 * Windows-31J (Shift_JIS as Windows writes it; characters it lacks become "?"). Cells that a spreadsheet would run
 * as a formula (starting with = + - @, tab or carriage return) get a leading apostrophe. Rows stream from the
 * database, so a large segment does not sit in memory. The consent columns say which email types of the lead's
 * product the person may receive now and whether the address is globally opted out, so a list taken to another
 * tool keeps the opt-outs.
 */
@Service
@Transactional(readOnly = true)
public class SegmentExport {

    /** The encodings offered: UTF-8 (with BOM) and Windows-31J. */
    public static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, Charset.forName("Windows-31J"));

    static final String[] HEADER = {"lead_id", "name", "kana", "company", "department", "job_title", "email", "phone",
        "product", "stage", "score", "hot", "owner", "source_channel", "email_consents", "opted_out"};

    private final Segments segments;
    private final JdbcClient jdbc;

    SegmentExport(Segments segments, JdbcClient jdbc) {
        this.segments = segments;
        this.jdbc = jdbc;
    }

    /** Writes the saved segment's leads within the scope to the stream, in the given encoding. */
    public void write(long segmentId, ProductScope scope, Charset encoding, OutputStream out) {
        if (!ENCODINGS.contains(encoding)) {
            throw new IllegalArgumentException("unsupported export encoding " + encoding);
        }
        SegmentSql members = segments.sql(segments.get(segmentId), scope);
        try {
            if (encoding.equals(StandardCharsets.UTF_8)) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            Writer writer = new OutputStreamWriter(out, encoding);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL);
            csv.printRecord((Object[]) HEADER);
            jdbc.sql("""
                    select l.id, p.full_name, p.kana, c.name, p.department, p.job_title, p.email, p.phone, pr.code,
                           l.stage, l.score, cast(l.hot as text), u.display_name, l.source_channel,
                           (select string_agg(et.code, ';' order by et.id) from consent cs
                            join email_type et on et.id = cs.email_type_id
                            where cs.person_id = p.id and et.product_id = l.product_id and cs.status = 'GRANTED'
                              and not exists (select 1 from email_suppression s
                                              where s.email_hash = sha256(convert_to(p.email, 'UTF8')))),
                           cast(exists (select 1 from email_suppression s
                                        where s.email_hash = sha256(convert_to(p.email, 'UTF8'))) as text)
                    from lead l
                    join person p on p.id = l.person_id
                    left join company c on c.id = p.company_id
                    join product pr on pr.id = l.product_id
                    left join app_user u on u.id = l.owner_id
                    where l.id in (""" + members.sql() + ") order by l.id")
                    .params(members.params())
                    .query(rs -> {
                        List<String> cells = new ArrayList<>(HEADER.length);
                        for (int i = 1; i <= HEADER.length; i++) {
                            cells.add(neutralise(rs.getString(i)));
                        }
                        try {
                            csv.printRecord(cells);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a spreadsheet from reading the cell as a formula (CSV injection). */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + cell;
        }
        return cell;
    }
}
