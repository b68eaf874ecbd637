package jp.nurture.leads.routing;

/** How a sales team is cut out of the organisation (seed 004: often combined across teams). */
public enum TeamCut {
    AREA, ACCOUNT, SOLUTION, PRODUCT
}
