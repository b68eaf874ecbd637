package jp.nurture.leads.web;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Finds demo leads for tests by what they are, so tests do not depend on generated ids. */
public final class DemoLeads {

    private DemoLeads() {
    }

    public static long productId(JdbcClient jdbc, String code) {
        return jdbc.sql("select id from product where code = ?").param(code).query(Long.class).single();
    }

    /** A lead of the product in the stage, preferring one no other test has touched (lowest id). */
    public static long leadIn(JdbcClient jdbc, String productCode, String stage, int skip) {
        return jdbc.sql("""
                select l.id from lead l join product p on p.id = l.product_id
                where p.code = ? and l.stage = ? order by l.id offset ? limit 1""")
                .params(productCode, stage, skip).query(Long.class).single();
    }

    /** Any lead in the stage, whatever its product (lowest id first). */
    public static long anyLeadIn(JdbcClient jdbc, String stage) {
        return jdbc.sql("select id from lead where stage = ? order by id limit 1").param(stage).query(Long.class).single();
    }

    public static long version(JdbcClient jdbc, long leadId) {
        return jdbc.sql("select version from lead where id = ?").param(leadId).query(Long.class).single();
    }

    public static String stage(JdbcClient jdbc, long leadId) {
        return jdbc.sql("select stage from lead where id = ?").param(leadId).query(String.class).single();
    }

}
