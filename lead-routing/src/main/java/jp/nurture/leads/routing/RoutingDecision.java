package jp.nurture.leads.routing;

import java.util.List;

/**
 * Who gets the lead and why: the one owner, the team they were picked from (if any), the rule that matched and
 * the reasons in order. {@code ownerId} is null when nobody could be found; the reasons then say why.
 */
public record RoutingDecision(Long ownerId, Long teamId, Long ruleId, String ruleName, List<Reason> reasons) {

    /** The built-in rule's name: an existing customer's lead goes to its account owner. */
    public static final String ACCOUNT_OWNER_RULE = "ACCOUNT_OWNER_FIRST";
    /** The product's fallback owner took the lead because no rule could. */
    public static final String FALLBACK_RULE = "FALLBACK";

    public boolean found() {
        return ownerId != null;
    }
}
