package jp.nurture.leads.core.consent;

/** Whether a person currently receives an email type. */
public enum ConsentStatus {
    GRANTED, WITHDRAWN
}
