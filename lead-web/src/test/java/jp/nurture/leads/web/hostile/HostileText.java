package jp.nurture.leads.web.hostile;

import java.util.List;
import java.util.Random;

/**
 * Generated hostile text: markup, script, SQL and LIKE metacharacters, spreadsheet formulas, header injection,
 * template expressions, control and bidi characters, lone surrogates, odd digits and very long values, joined at
 * random. A seeded generator, so a failure names the seed (-Dhostile.seed) that reproduces it.
 */
final class HostileText {

    static final long SEED = Long.getLong("hostile.seed", System.nanoTime());

    static final String SCRIPT = "<script>alert('x')</script>";

    private static final List<String> PIECES = List.of(SCRIPT, "\"><img src=x onerror=alert(1)>", "' OR '1'='1",
            "'; drop table lead; --", "%", "_", "\\", "%%_\\%", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t",
            "\r", "\r\nBcc: victim@example.com", "\u0000", "\u0007", "\u001b[31m", "\u202e", "\ud83d\ude00", "\ud800",
            "髙", "①", "㈱", "\ufeff", "${T(java.lang.Runtime).getRuntime().exec('id')}", "__${7*7}__::.x", "{{7*7}}",
            "#{7*7}", "[[${7*7}]]", "../../etc/passwd", "%00", "%E3%81", "NaN", "-1", "99999999999999999999", "0x10",
            "null", "[]", "{}", "１２３", "　", "株式会社", "javascript:alert(1)", "data:text/html,<b>x</b>",
            "http://127.0.0.1/", "mailto:a@b", "a@b@c", "😀".repeat(40));

    private final Random random;

    HostileText(long salt) {
        this.random = new Random(SEED ^ salt);
    }

    /** One to three hostile pieces, sometimes around ordinary text, sometimes very long. */
    String next() {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(4) == 0) {
            text.append("山田 ");
        }
        int pieces = 1 + random.nextInt(3);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        if (random.nextInt(20) == 0) {
            text.append("x".repeat(5_000 + random.nextInt(100_000)));
        }
        return text.toString();
    }

    /** Either the valid value or a hostile one. */
    String validOr(String valid) {
        return random.nextBoolean() ? valid : next();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A client address of its own per request, so the per-address limits of public endpoints stay out of it. */
    String address() {
        return "10." + random.nextInt(250) + "." + random.nextInt(250) + "." + (1 + random.nextInt(250));
    }
}
