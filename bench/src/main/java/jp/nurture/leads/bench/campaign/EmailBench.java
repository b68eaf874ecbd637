package jp.nurture.leads.bench.campaign;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.nurture.leads.core.campaign.MailMerge;
import jp.nurture.leads.core.campaign.Recipient;
import jp.nurture.leads.core.campaign.RenderedEmail;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Renders 100,000 personalised messages (JMustache merge, every link signed with HMAC-SHA256, footer, open pixel,
 * RFC 8058 headers, multipart HTML + text) and hands them to a local SMTP sink in batches of 500 per connection,
 * as the outbox does, from {@value #SENDERS} sender threads (as several outbox workers or app instances would);
 * printed beside the sink's raw accept rate for one pre-rendered message sent as often, the same way, in the same
 * run. Run: {@code ./mvnw -q -pl bench -am install -DskipTests && ./mvnw -q -pl bench exec:java
 * -Dbench.main=jp.nurture.leads.bench.campaign.EmailBench} (optional argument: the message count).
 */
public final class EmailBench {

    private static final int BATCH = 500;
    private static final int SENDERS = 4;
    private static final String HTML = """
            <html><body><p>{{name}} 様</p><p>{{company}} {{department}} の皆様へ、{{product}} の最新事例をお届けします。</p>
            <p><a href="https://example.jp/cases/1?utm_source=mail">製造業の事例</a> /
            <a href="https://example.jp/cases/2">小売業の事例</a> /
            <a href="https://example.jp/seminar">セミナー申込</a></p><p>担当: {{owner}}</p></body></html>""";
    private static final String TEXT = """
            {{name}} 様
            {{company}} の皆様へ、{{product}} の最新事例をお届けします。
            https://example.jp/cases/1?utm_source=mail
            担当: {{owner}}
            """;

    private EmailBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (SmtpSink sink = new SmtpSink()) {
            JavaMailSenderImpl mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(sink.port());
            MailMerge merge = MailMerge.of("{{name}} 様へ {{product}} 事例のご紹介", HTML, TEXT);
            MailMerge.Footer footer = new MailMerge.Footer("Nurture株式会社 マーケティング部",
                    "marketing@nurture.example", "〒100-0005 東京都千代田区丸の内1-1-1", "導入事例");
            // Warm-up, so both figures measure steady state.
            parallel(count / 50, share -> personalised(mail, merge, footer, mac(), share));
            parallel(count / 50, share -> preRendered(mail, merge, footer, mac(), share));

            long before = sink.accepted.get();
            long start = System.nanoTime();
            parallel(count, share -> personalised(mail, merge, footer, mac(), share));
            double personalisedSeconds = (System.nanoTime() - start) / 1e9;
            long personalisedAccepted = sink.accepted.get() - before;

            before = sink.accepted.get();
            start = System.nanoTime();
            parallel(count, share -> preRendered(mail, merge, footer, mac(), share));
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            long rawAccepted = sink.accepted.get() - before;

            System.out.printf(Locale.ROOT, "personalised: %,d messages rendered and accepted in %.1f s = %,.0f msg/s%n",
                    personalisedAccepted, personalisedSeconds, personalisedAccepted / personalisedSeconds);
            System.out.printf(Locale.ROOT, "reference, pre-rendered: %,d accepted in %.1f s = %,.0f msg/s (sink's raw rate)%n",
                    rawAccepted, rawSeconds, rawAccepted / rawSeconds);
        }
    }

    private interface Work {
        void run(int share) throws Exception;
    }

    /** Splits the count over the sender threads and waits for all of them. */
    private static void parallel(int count, Work work) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(SENDERS);
        List<java.util.concurrent.Future<Object>> done = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            int share = count / SENDERS + (i < count % SENDERS ? 1 : 0);
            done.add(pool.submit(() -> {
                work.run(share);
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static Mac mac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("bench-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac;
    }

    private static void personalised(JavaMailSenderImpl mail, MailMerge merge, MailMerge.Footer footer, Mac mac,
            int count) throws Exception {
        List<MimeMessage> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < count; i++) {
            Recipient r = new Recipient(i, 1, i, "山田 太郎" + i, "taro" + i + "@example.jp", "株式会社サンプル" + (i % 997),
                    "情報システム部", "部長", "営業 花子", "生産管理 IoT");
            RenderedEmail email = merge.render(r, links(mac, i), footer);
            batch.add(mime(mail, r.email(), email));
            if (batch.size() == BATCH) {
                mail.send(batch.toArray(MimeMessage[]::new));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mail.send(batch.toArray(MimeMessage[]::new));
        }
    }

    private static void preRendered(JavaMailSenderImpl mail, MailMerge merge, MailMerge.Footer footer, Mac mac,
            int count) throws Exception {
        Recipient r = new Recipient(0, 1, 0, "山田 太郎", "taro@example.jp", "株式会社サンプル", "情報システム部", "部長",
                "営業 花子", "生産管理 IoT");
        MimeMessage message = mime(mail, r.email(), merge.render(r, links(mac, 0), footer));
        message.saveChanges();
        MimeMessage[] batch = new MimeMessage[BATCH];
        java.util.Arrays.fill(batch, message);
        for (int sent = 0; sent < count; sent += BATCH) {
            mail.send(sent + BATCH <= count ? batch : java.util.Arrays.copyOf(batch, count - sent));
        }
    }

    private static MailMerge.Links links(Mac mac, long message) {
        return new MailMerge.Links() {
            @Override
            public String click(String destination) {
                return "https://leads.example.jp/m/c/" + seal("email-click", message + "|" + destination);
            }

            @Override
            public String openPixel() {
                return "https://leads.example.jp/m/o/" + seal("email-open", Long.toString(message));
            }

            @Override
            public String unsubscribe() {
                return "https://leads.example.jp/m/u/" + seal("email-unsubscribe", Long.toString(message));
            }

            @Override
            public String preferences() {
                return "https://leads.example.jp/m/p/" + seal("email-preferences", Long.toString(message));
            }

            private String seal(String purpose, String payload) {
                byte[] body = ("s|" + purpose + "|" + payload).getBytes(StandardCharsets.UTF_8);
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                return b64.encodeToString(body) + "." + b64.encodeToString(mac.doFinal(body));
            }
        };
    }

    private static MimeMessage mime(JavaMailSenderImpl mail, String to, RenderedEmail email) throws Exception {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("marketing@nurture.example", "Nurture株式会社 マーケティング部");
        helper.setTo(to);
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return message;
    }
}
