package jp.nurture.leads.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo database holds both kinds of basis and some withdrawals, and the send-time check agrees with them. */
@LeadsWebTest
class ConsentDemoDataTest {

    @Autowired JdbcClient jdbc;
    @Autowired Consents consents;

    @Test
    void demoPeopleHaveOptInsBusinessCardsAndWithdrawals() {
        assertThat(count("select count(*) from email_type t join product p on p.id = t.product_id "
                + "where p.code = 'CLOUD-ACC'")).isEqualTo(4);
        assertThat(count("select count(*) from consent where status = 'GRANTED' and basis = 'OPT_IN'")).isPositive();
        assertThat(count("select count(*) from consent where status = 'GRANTED' and basis = 'BUSINESS_CARD'"))
                .isPositive();
        assertThat(count("select count(*) from consent where status = 'WITHDRAWN'")).isPositive();
        assertThat(count("select count(*) from consent_history")).isGreaterThanOrEqualTo(count("select count(*) from consent"));
    }

    @Test
    void theSendTimeCheckFollowsTheRecords() {
        long[] granted = jdbc.sql("select person_id, email_type_id from consent where status = 'GRANTED' limit 1")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long[] withdrawn = jdbc.sql("select person_id, email_type_id from consent where status = 'WITHDRAWN' limit 1")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();

        assertThat(consents.mayReceive(granted[0], granted[1])).isTrue();
        assertThat(consents.mayReceive(withdrawn[0], withdrawn[1])).isFalse();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
