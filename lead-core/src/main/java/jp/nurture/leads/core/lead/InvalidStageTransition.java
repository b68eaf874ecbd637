package jp.nurture.leads.core.lead;

/** A stage move the lead's rules do not allow; {@link #reason()} says which rule, as a message key. */
public class InvalidStageTransition extends RuntimeException {

    /** Why a move is refused; each constant is a message key suffix in the UI. */
    public enum Reason {
        SAME_STAGE, BACKWARD_MOVE, REASON_REQUIRED, RETURN_TARGET, NOT_ACTIVE, TERMINAL
    }

    private final Stage from;
    private final Stage to;
    private final Reason reason;

    public InvalidStageTransition(Stage from, Stage to, Reason reason) {
        super("cannot move a lead from " + from + " to " + to + ": " + reason);
        this.from = from;
        this.to = to;
        this.reason = reason;
    }

    public Stage from() {
        return from;
    }

    public Stage to() {
        return to;
    }

    public Reason reason() {
        return reason;
    }
}
