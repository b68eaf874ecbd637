package jp.nurture.leads.core.segment;

/** A segment condition the compiler refuses; {@code messageKey} names the explanation shown to the marketer. */
public class InvalidSegment extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public InvalidSegment(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
