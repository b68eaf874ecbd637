package jp.nurture.leads.core.party;

/** Annual revenue band in yen; the bands follow the example scoring table of the nurturing brief. */
public enum RevenueBand {
    /** 100 billion yen or more. */
    OVER_100_BN,
    /** 50 to 99.9 billion yen. */
    FROM_50_BN,
    /** 10 to 49.9 billion yen. */
    FROM_10_BN,
    /** 1 to 9.9 billion yen. */
    FROM_1_BN,
    /** Under 1 billion yen. */
    UNDER_1_BN
}
