package jp.nurture.leads.core.user;

/** What a user does in the product; a user may hold several roles. */
public enum Role {
    /** Users, teams, territories, routing rules, products. */
    ADMIN,
    /** Targets, scoring, capture, email nurturing, dashboards — per product. */
    MARKETER,
    /** Works leads through the stages on the board and fills BANT. */
    INSIDE_SALES,
    /** Accepts or returns hand-offs and records outcomes. */
    FIELD_SALES
}
