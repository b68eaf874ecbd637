package jp.nurture.leads.routing;

/** The hand-off is not (or no longer) in a state that allows this step, or is not the user's. */
public class HandOffChanged extends RuntimeException {

    public HandOffChanged(long handOffId) {
        super("hand-off " + handOffId + " cannot take this step");
    }
}
