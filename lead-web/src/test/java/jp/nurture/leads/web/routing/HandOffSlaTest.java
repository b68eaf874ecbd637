package jp.nurture.leads.web.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.routing.BusinessCalendar;
import jp.nurture.leads.routing.FailedNotice;
import jp.nurture.leads.routing.RoutingNotices;
import jp.nurture.leads.routing.RoutingService;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The acceptance SLA with a clock the test moves: a hand-off routed on a Friday before a Monday holiday is due on
 * Wednesday; nothing happens on Tuesday night; on Wednesday it escalates — the team lead is e-mailed and, as the
 * product says, the lead moves to the next member of the team, who is e-mailed too. Mail goes to an in-process
 * GreenMail server.
 */
@LeadsWebTest
@Import(HandOffSlaTest.ControlledClock.class)
class HandOffSlaTest {

    private static final ZoneId JAPAN = BusinessCalendar.JAPAN;
    static final GreenMail MAIL = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        MAIL.start();
    }

    /** A clock the test sets; far in the future so no other test's real-time job touches these hand-offs. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(at("2093-11-20T10:00"));

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return JAPAN;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
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
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired MovableClock clock;
    @Autowired RoutingFixtures fixtures;
    @Autowired RoutingService routing;
    @Autowired JdbcClient jdbc;
    @Autowired RoutingNotices notices;

    @Test
    void anOverdueHandOffEscalatesToTheTeamLeadAndMovesToTheNextMember() throws Exception {
        clock.set(at("2093-11-20T10:00")); // Friday; Monday 23rd is 勤労感謝の日
        long lead = fixtures.lead("FACTORY-IOT", Prefecture.TOKYO, Industry.RETAIL, null, Stage.CONVERTED);
        List<HandOff> first = handOffs(lead);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).due()).isEqualTo(at("2093-11-25T10:00"));
        assertThat(jdbc.sql("select name from sales_team where id = (select team_id from hand_off where id = ?)")
                .param(first.get(0).id()).query(String.class).single()).isEqualTo("東日本チーム");
        String firstOwnerEmail = email(first.get(0).owner());
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(recipients()).contains(firstOwnerEmail);

        clock.set(at("2093-11-24T23:00"));
        routing.escalateOverdue();
        assertThat(handOffs(lead)).extracting(HandOff::status).containsExactly("OPEN");

        MAIL.purgeEmailFromAllMailboxes();
        clock.set(at("2093-11-25T10:01"));
        routing.escalateOverdue();

        List<HandOff> after = handOffs(lead);
        assertThat(after).extracting(HandOff::status).containsExactly("REASSIGNED", "OPEN");
        assertThat(after.get(1).owner()).isNotEqualTo(first.get(0).owner());
        assertThat(after.get(1).due()).isEqualTo(at("2093-11-27T10:01"));
        assertThat(jdbc.sql("select escalated_at from hand_off where id = ?").param(first.get(0).id())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(at("2093-11-25T10:01"));
        assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(recipients()).contains("field-lead@example.jp", email(after.get(1).owner()));
        MimeMessage overdue = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> address(m).equals("field-lead@example.jp")).findFirst().orElseThrow();
        assertThat(overdue.getSubject()).startsWith("受け入れ期限超過");
        assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type = 'ROUTED'").param(lead)
                .query(Long.class).single()).isEqualTo(2);

        // Escalated once only: a second run (or the other instance) finds nothing more to do for it.
        clock.set(at("2093-11-25T12:00"));
        routing.escalateOverdue();
        assertThat(handOffs(lead)).extracting(HandOff::status).containsExactly("REASSIGNED", "OPEN");
    }

    @Test
    void aNotificationTheMailServerRefusesIsRetriedThenShownAsFailedAndCanBeSentAgain() throws Exception {
        long before = jdbc.sql("select coalesce(max(id), 0) from routing_notice").query(Long.class).single();
        MAIL.stop();
        try {
            clock.set(at("2093-12-01T10:00"));
            long lead = fixtures.lead("FACTORY-IOT", Prefecture.TOKYO, Industry.RETAIL, null, Stage.CONVERTED);
            assertThat(handOffs(lead)).hasSize(1);
            Notice notice = notices(before).get(0);
            assertThat(notice.sent()).isFalse();
            assertThat(notice.attempts()).isEqualTo(1);
            assertThat(notice.error()).isNotBlank();

            // Nothing is lost while the server is down: the notice waits, attempt after attempt, then gives up.
            for (int round = 0; round < 20 && notices(before).get(0).failedAt() == null; round++) {
                clock.set(clock.instant().plus(Duration.ofHours(5)));
                notices.deliverDue();
            }
            notice = notices(before).get(0);
            assertThat(notice.failedAt()).isNotNull();
            assertThat(notice.attempts()).isGreaterThanOrEqualTo(8);
            assertThat(notices.failed()).extracting(FailedNotice::id).contains(notice.id());
        } finally {
            MAIL.start();
        }
        MAIL.purgeEmailFromAllMailboxes();
        long id = notices(before).get(0).id();
        assertThat(notices.retry(id)).isTrue();
        assertThat(notices.deliverDue()).isPositive();
        assertThat(notices(before).get(0).sent()).isTrue();
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(notices.failed()).extracting(FailedNotice::id).doesNotContain(id);
        assertThat(notices.retry(id)).as("a sent notice is not sent again").isFalse();
    }

    record Notice(long id, boolean sent, int attempts, String error, Instant failedAt) {
    }

    private List<Notice> notices(long after) {
        return jdbc.sql("""
                select id, sent_at is not null, attempts, last_error, failed_at from routing_notice
                where id > ? order by id""").param(after)
                .query((rs, n) -> new Notice(rs.getLong(1), rs.getBoolean(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    record HandOff(long id, long owner, Instant due, String status) {
    }

    private List<HandOff> handOffs(long lead) {
        return jdbc.sql("select id, owner_id, due_at, status from hand_off where lead_id = ? order by id").param(lead)
                .query((rs, n) -> new HandOff(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .list();
    }

    private String email(long userId) {
        return jdbc.sql("select email from app_user where id = ?").param(userId).query(String.class).single();
    }

    private static List<String> recipients() {
        return Arrays.stream(MAIL.getReceivedMessages()).map(HandOffSlaTest::address).toList();
    }

    private static String address(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(JAPAN).toInstant();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
