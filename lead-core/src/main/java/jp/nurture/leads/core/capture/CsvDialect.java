package jp.nurture.leads.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The charset and separator of a CSV file as Excel and exhibition organisers write them: UTF-8 with or without
 * BOM, or Windows-31J (Shift_JIS with the NEC/IBM extensions that hold ①, ㈱ and 髙); comma, semicolon or tab.
 */
public record CsvDialect(Charset charset, boolean bom, char separator) {

    /** Windows-31J rather than plain Shift_JIS, which lacks characters organisers' files hold. */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private static final int SAMPLE = 64 * 1024;

    /** Reads the start of the file; {@code chosen} (may be null) overrides the detected charset. */
    public static CsvDialect detect(Path file, Charset chosen) {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return detect(sample, chosen);
    }

    static CsvDialect detect(byte[] sample, Charset chosen) {
        boolean bom = sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB
                && (sample[2] & 0xff) == 0xBF;
        Charset charset = chosen != null ? chosen : bom || isUtf8(sample) ? StandardCharsets.UTF_8 : WINDOWS_31J;
        String head = new String(sample, charset);
        int end = head.indexOf('\n');
        String firstLine = end < 0 ? head : head.substring(0, end);
        return new CsvDialect(charset, bom && charset.equals(StandardCharsets.UTF_8), separatorOf(firstLine));
    }

    private static boolean isUtf8(byte[] sample) {
        // The sample may end inside a multi-byte character: drop up to three trailing bytes of one.
        int length = sample.length;
        int back = 0;
        while (back < 3 && length - back - 1 >= 0 && (sample[length - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (length - back - 1 >= 0 && (sample[length - back - 1] & 0xC0) == 0xC0) {
            length = length - back - 1;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(Arrays.copyOf(sample, length)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static char separatorOf(String headerLine) {
        char best = ',';
        long most = 0;
        for (char candidate : new char[] {',', ';', '\t'}) {
            long count = headerLine.chars().filter(c -> c == candidate).count();
            if (count > most) {
                most = count;
                best = candidate;
            }
        }
        return best;
    }
}
