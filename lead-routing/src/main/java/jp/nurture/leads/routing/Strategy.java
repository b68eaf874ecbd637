package jp.nurture.leads.routing;

/** How a team rule picks one member; members at capacity are never picked. */
public enum Strategy {
    /** Each member in turn. */
    ROUND_ROBIN,
    /** The member with the fewest open hand-offs. */
    LEAST_LOADED,
    /** The member whose open hand-offs fill the smallest share of their capacity. */
    CAPACITY_WEIGHTED
}
