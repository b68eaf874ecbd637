package jp.nurture.leads.core.lead;

import java.util.EnumSet;
import java.util.Set;

/** Where a lead stands in inside sales' process; the first four are the board's columns. */
public enum Stage {
    /** 1. Just captured: a form, an import row or an API call. */
    NEW_LEAD(1),
    /** 2. Reachable, but not yet talking to the person who decides. */
    WORKING_UNTOUCHED(2),
    /** 3. Talking to the right person; BANT is being filled. */
    WORKING_CONNECTED(3),
    /** 4. Handed to field sales (or converted). */
    CONVERTED(4),
    /** Left alone for now; re-nurtured later by segment. */
    DORMANT(0),
    /** Judged no prospect. */
    DISQUALIFIED(0);

    private final int step;

    Stage(int step) {
        this.step = step;
    }

    /** The four columns of the stage board, in order. */
    public static final Set<Stage> BOARD = EnumSet.of(NEW_LEAD, WORKING_UNTOUCHED, WORKING_CONNECTED, CONVERTED);

    /** Stages in which inside sales is still working the lead. */
    public boolean isActive() {
        return this == NEW_LEAD || this == WORKING_UNTOUCHED || this == WORKING_CONNECTED;
    }

    public boolean isParked() {
        return this == DORMANT || this == DISQUALIFIED;
    }

    /** The stages a returned lead may go back to. */
    public boolean acceptsReturn() {
        return this == WORKING_UNTOUCHED || this == WORKING_CONNECTED;
    }

    /** Position on the board (1–4); 0 for stages off the board. */
    public int step() {
        return step;
    }
}
