package jp.nurture.leads.core.party;

/** How senior a person is; authority weighs heavily in scoring and hand-off. */
public enum TitleLevel {
    EXECUTIVE, MANAGER, STAFF
}
