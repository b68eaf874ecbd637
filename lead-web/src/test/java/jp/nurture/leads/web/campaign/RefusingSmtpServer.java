package jp.nurture.leads.web.campaign;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server in the test JVM (SubEtha SMTP) that answers RCPT as a test tells it to: refuse an address for
 * good (550), defer it (451) a number of times or for ever, or drop the connection — or hold back its reply to
 * one message until released. Everything it accepts is kept as parsed messages, one per recipient. While
 * {@link #takeOver} is in effect the application's mail sender talks to this server instead of the shared GreenMail
 * one. Public for the routing notice tests.
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final SMTPServer server;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> deferrals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final List<MimeMessage> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Hold hold;
    /** How many RCPT commands for each address were answered (refused, deferred or accepted). */
    final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final Session session = Session.getInstance(new Properties());

    public RefusingSmtpServer() {
        server = SMTPServer.port(MailTestSupport.freePort()).hostName("refusing.test")
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .messageHandlerFactory(context -> new Handler()).build();
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    /** 550 for this address from now on: the mailbox does not exist. */
    void refuse(String address) {
        refused.add(address);
    }

    /** 451 for this address the next {@code times} times. */
    void defer(String address, int times) {
        deferrals.put(address, new AtomicInteger(times));
    }

    /** Closes the connection (421) when this address comes up, the next {@code times} times. */
    void dropConnection(String address, int times) {
        drops.put(address, new AtomicInteger(times));
    }

    /**
     * Keeps the reply to the n-th accepted message back until the test releases it: the sender then waits in the
     * middle of a batch, with everything before it already taken.
     */
    public Hold holdAt(int nth) {
        hold = new Hold(nth);
        return hold;
    }

    /** A reply held back; see {@link #holdAt}. */
    public static final class Hold {
        private final int nth;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(int nth) {
            this.nth = nth;
        }

        public boolean awaitReached(Duration timeout) throws InterruptedException {
            return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }

        private void at(int count) {
            if (count == nth) {
                reached.countDown();
                try {
                    released.await(50, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Every message taken, in order of arrival. */
    public List<MimeMessage> received() {
        return List.copyOf(received);
    }

    /** The messages whose first recipient's address starts with the prefix. */
    public List<MimeMessage> receivedBy(String prefix) {
        return received().stream().filter(m -> firstRecipient(m).startsWith(prefix)).toList();
    }

    /** The address a message went to (these tests send each message to one person). */
    public static String firstRecipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<MimeMessage> to(String address) {
        return MailTestSupport.addressedTo(received(), address);
    }

    /** Points the application's mail sender here until the returned handle is closed. */
    AutoCloseable takeOver(JavaMailSenderImpl sender) {
        String host = sender.getHost();
        int port = sender.getPort();
        sender.setHost("127.0.0.1");
        sender.setPort(port());
        return () -> {
            sender.setHost(host);
            sender.setPort(port);
        };
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Handler implements MessageHandler {
        private final List<String> recipients = new ArrayList<>();

        @Override
        public void from(String from) {
        }

        @Override
        public void recipient(String address) throws RejectException {
            asked.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            if (refused.contains(address)) {
                throw new RejectException(550, "5.1.1 <" + address + ">: Recipient address rejected: User unknown");
            }
            AtomicInteger drop = drops.get(address);
            if (drop != null && drop.getAndDecrement() > 0) {
                throw new DropConnectionException(421, "4.3.2 Service shutting down, closing transmission channel");
            }
            AtomicInteger defer = deferrals.get(address);
            if (defer != null && defer.getAndDecrement() > 0) {
                throw new RejectException(451, "4.7.1 <" + address + ">: Please try again later");
            }
            recipients.add(address);
        }

        @Override
        public String data(InputStream data) throws IOException {
            byte[] bytes = data.readAllBytes();
            for (String ignored : recipients) {
                try {
                    received.add(new MimeMessage(session, new ByteArrayInputStream(bytes)));
                } catch (jakarta.mail.MessagingException e) {
                    throw new IOException(e);
                }
                Hold current = hold;
                int count = accepted.incrementAndGet();
                if (current != null) {
                    current.at(count);
                }
            }
            return null;
        }

        @Override
        public void done() {
        }
    }
}
