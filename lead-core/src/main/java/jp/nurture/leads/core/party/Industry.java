package jp.nurture.leads.core.party;

/** Industry of a company, as used in target definitions, segments and scoring rules. */
public enum Industry {
    IT, MANUFACTURING, RETAIL, FINANCE, CONSTRUCTION, LOGISTICS, MEDICAL, PUBLIC_SECTOR, SERVICES, OTHER
}
