package jp.nurture.leads.core.party;

/** Number of employees of a company. */
public enum EmployeeBand {
    UNDER_50, FROM_50, FROM_300, FROM_1000, OVER_5000
}
