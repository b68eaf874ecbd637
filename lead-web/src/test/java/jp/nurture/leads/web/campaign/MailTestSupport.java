package jp.nurture.leads.web.campaign;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.web.LeadsWebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the campaign and nurture tests share (one application context): an in-process GreenMail SMTP server that
 * receives every message, a clock the test can move, and people with leads in two products. The browser test of
 * campaigns builds on it too.
 */
@LeadsWebTest
@Import(MailTestSupport.ControlledClock.class)
public abstract class MailTestSupport {

    protected static final GreenMail MAIL = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final Pattern LINK = Pattern.compile("http://localhost:8080(/m/[a-z]/[A-Za-z0-9_\\-.]+)");

    static {
        MAIL.start();
    }

    /** Real time until a test moves it; only ever moved forward. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(java.time.Duration by) {
            now.updateAndGet(t -> (t.isAfter(Instant.now()) ? t : Instant.now()).plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Tokyo");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant real = Instant.now();
            Instant set = now.get();
            return set.isAfter(real) ? set : real;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ControlledClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getServerSetup().getPort());
        registry.add("leads.email.base-url", () -> "http://localhost:8080");
        // The tests drive the outbox and the programs themselves.
        registry.add("leads.email.poll-every", () -> "PT1H");
    }

    @Autowired protected JdbcClient jdbc;
    @Autowired protected Consents consents;
    @Autowired MovableClock clock;

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A person with a given name, a lead in each of the products, owner-less; returns the lead ids in order. */
    List<Long> person(String name, String email, String... productCodes) {
        long person = jdbc.sql("insert into person (full_name, email) values (?, ?) returning id")
                .params(name, email).query(Long.class).single();
        List<Long> leads = new ArrayList<>();
        for (String code : productCodes) {
            leads.add(jdbc.sql("""
                    insert into lead (person_id, product_id, stage, source_channel)
                    select ?, id, 'NEW_LEAD', 'WEB_FORM' from product where code = ? returning id""")
                    .params(person, code).query(Long.class).single());
        }
        return leads;
    }

    long personOf(long lead) {
        return jdbc.sql("select person_id from lead where id = ?").param(lead).query(Long.class).single();
    }

    protected long emailType(String productCode, String type) {
        return jdbc.sql("""
                select t.id from email_type t join product p on p.id = t.product_id where p.code = ? and t.code = ?""")
                .params(productCode, type).query(Long.class).single();
    }

    void optIn(long lead, String productCode, String... types) {
        for (String type : types) {
            consents.grant(personOf(lead), emailType(productCode, type), ConsentBasis.OPT_IN, "test form");
        }
    }

    protected static List<MimeMessage> to(String address) {
        return addressedTo(List.of(MAIL.getReceivedMessages()), address);
    }

    /** The messages whose first recipient is the address. */
    static List<MimeMessage> addressedTo(List<MimeMessage> messages, String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : messages) {
            try {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    out.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The text/plain and text/html parts of a multipart/alternative message (Spring's mixed → related nesting). */
    protected static String part(MimeMessage message, String type) throws Exception {
        return find(message.getContent(), type);
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var body = multipart.getBodyPart(i);
                if (body.isMimeType(type)) {
                    return (String) body.getContent();
                }
                String nested = find(body.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    /** The paths of the personal links of a given kind (c click, o open, u unsubscribe, p preferences). */
    protected static List<String> links(String body, char kind) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(body);
        while (m.find()) {
            if (m.group(1).charAt(3) == kind) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
