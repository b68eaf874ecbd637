package jp.nurture.leads.core.campaign;

/**
 * A campaign message that did not reach its recipient, for the marketer to see why.
 *
 * @param lastError the mail server's last answer (or why the message was given up)
 */
public record UndeliveredEmail(long outboxId, long sendId, String subject, long leadId, String name, String email,
        Reason reason, int attempts, String lastError) {

    /** Why it did not arrive. */
    public enum Reason {
        /** The server kept deferring it (or the hand-over was interrupted) until the outbox gave up. */
        FAILED,
        /** The server refused the address for good; the address is now suppressed. */
        BOUNCED
    }
}
