package jp.nurture.leads.scoring.model;

/** Fit rules look at who the lead is; engagement rules at what the lead did. Both are kept apart and summed. */
public enum RuleKind {
    FIT, ENGAGEMENT
}
