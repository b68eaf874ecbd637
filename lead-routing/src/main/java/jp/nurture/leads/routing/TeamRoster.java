package jp.nurture.leads.routing;

import java.util.List;

/** A team as routing sees it: its members (ordered by user id) with capacity, and its round-robin cursor. */
public final class TeamRoster {

    /** A member and the most open hand-offs they take. */
    public record Member(long userId, String name, int capacity) {
    }

    private final long id;
    private final String name;
    private final Long leadUserId;
    private final List<Member> members;
    private long cursor;

    public TeamRoster(long id, String name, Long leadUserId, List<Member> members, long cursor) {
        this.id = id;
        this.name = name;
        this.leadUserId = leadUserId;
        this.members = List.copyOf(members);
        this.cursor = cursor;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Long leadUserId() {
        return leadUserId;
    }

    public List<Member> members() {
        return members;
    }

    public long cursor() {
        return cursor;
    }

    void advanceTo(long cursor) {
        this.cursor = cursor;
    }
}
