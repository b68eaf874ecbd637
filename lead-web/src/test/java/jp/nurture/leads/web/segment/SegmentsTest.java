package jp.nurture.leads.web.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.segment.Condition;
import jp.nurture.leads.core.segment.InvalidSegment;
import jp.nurture.leads.core.segment.SegmentAudience;
import jp.nurture.leads.core.segment.SegmentExport;
import jp.nurture.leads.core.segment.SegmentField;
import jp.nurture.leads.core.segment.SegmentOperator;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The seed examples and the dormant preset on the demo data plus a few leads given known behaviour; every count is
 * checked against the same question written independently in SQL.
 */
@LeadsWebTest
class SegmentsTest {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Autowired Segments segments;
    @Autowired SegmentAudience audience;
    @Autowired SegmentExport export;
    @Autowired JdbcClient jdbc;
    @Autowired Consents consents;

    long product;
    long exhibitionAndWeb;
    long exhibitionOnly;
    long webOnlyThisYearsExhibition;
    long reader;
    long fourPages;
    long oldReader;

    @BeforeEach
    void behaviour() {
        product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        exhibitionAndWeb = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "WORKING_UNTOUCHED", 0);
        exhibitionOnly = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "WORKING_UNTOUCHED", 1);
        webOnlyThisYearsExhibition = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "WORKING_UNTOUCHED", 2);
        reader = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "WORKING_CONNECTED", 0);
        fourPages = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "WORKING_CONNECTED", 1);
        oldReader = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "WORKING_CONNECTED", 2);
        int lastYear = LocalDate.now(JAPAN).getYear() - 1;
        jdbc.sql("delete from activity where lead_id = any(?) and type in ('EXHIBITION_ATTENDED', 'PAGE_VIEWED')")
                .param(new Long[] {exhibitionAndWeb, exhibitionOnly, webOnlyThisYearsExhibition, reader, fourPages,
                    oldReader}).update();
        activity(exhibitionAndWeb, "EXHIBITION_ATTENDED", "make_timestamptz(" + lastYear + ", 6, 15, 10, 0, 0, 'Asia/Tokyo')", "{}");
        activity(exhibitionAndWeb, "PAGE_VIEWED", "now() - interval '3 days'", "{\"url\": \"/pricing\"}");
        activity(exhibitionOnly, "EXHIBITION_ATTENDED", "make_timestamptz(" + lastYear + ", 12, 31, 23, 0, 0, 'Asia/Tokyo')", "{}");
        activity(exhibitionOnly, "PAGE_VIEWED", "now() - interval '40 days'", "{}");
        activity(webOnlyThisYearsExhibition, "EXHIBITION_ATTENDED",
                "make_timestamptz(" + (lastYear + 1) + ", 1, 1, 0, 30, 0, 'Asia/Tokyo')", "{}");
        activity(webOnlyThisYearsExhibition, "PAGE_VIEWED", "now() - interval '1 day'", "{}");
        for (int i = 0; i < 5; i++) {
            activity(reader, "PAGE_VIEWED", "now() - interval '" + (10 + i) + " days'", "{\"topics\": [\"IoT\", \"DX\"]}");
            activity(oldReader, "PAGE_VIEWED", "now() - interval '" + (95 + i) + " days'", "{\"topics\": [\"IoT\"]}");
            if (i < 4) {
                activity(fourPages, "PAGE_VIEWED", "now() - interval '" + (10 + i) + " days'", "{\"topics\": [\"IoT\"]}");
            }
        }
        activity(fourPages, "PAGE_VIEWED", "now() - interval '5 days'", "{\"topics\": [\"ERP\"]}");
    }

    private void activity(long lead, String type, String at, String detail) {
        jdbc.sql("insert into activity (lead_id, product_id, type, occurred_at, detail) "
                + "select id, product_id, ?, " + at + ", cast(? as jsonb) from lead where id = ?")
                .params(type, detail, lead).update();
    }

    private List<Long> members(Condition condition) {
        long id = segments.create("test " + System.nanoTime(), condition, null);
        return audience.leadIds(id);
    }

    @Test
    void attendedLastYearsExhibitionAndViewedTheSiteInTheLastMonth() {
        Condition condition = Segments.exhibitionThenWeb(product);
        assertThat(members(condition)).contains(exhibitionAndWeb)
                .doesNotContain(exhibitionOnly, webOnlyThisYearsExhibition);
        long expected = jdbc.sql("""
                select count(*) from lead l where l.product_id = ?
                and exists (select 1 from activity a where a.lead_id = l.id and a.type = 'EXHIBITION_ATTENDED'
                            and extract(year from a.occurred_at at time zone 'Asia/Tokyo')
                                = extract(year from now() at time zone 'Asia/Tokyo') - 1)
                and exists (select 1 from activity a where a.lead_id = l.id and a.type = 'PAGE_VIEWED'
                            and a.occurred_at > now() - interval '30 days')""")
                .param(product).query(Long.class).single();
        assertThat(segments.count(condition, ProductScope.all())).isEqualTo(expected).isPositive();
    }

    @Test
    void viewedFiveOrMorePagesAboutATopicInTheLastThreeMonths() {
        Condition condition = Segments.topicReader(product, "IoT");
        assertThat(members(condition)).contains(reader).doesNotContain(fourPages, oldReader);
        long expected = jdbc.sql("""
                select count(*) from lead l where l.product_id = ?
                and (select count(*) from activity a where a.lead_id = l.id and a.type = 'PAGE_VIEWED'
                     and jsonb_exists(a.detail -> 'topics', 'IoT') and a.occurred_at > now() - interval '90 days') >= 5""")
                .param(product).query(Long.class).single();
        assertThat(segments.count(condition, ProductScope.all())).isEqualTo(expected).isPositive();
    }

    @Test
    void theDormantPresetFindsLongQuietAndLongParkedLeads() {
        long parked = DemoLeads.anyLeadIn(jdbc, "DORMANT");
        jdbc.sql("update lead set stage_changed_at = now() - interval '200 days' where id = ?").param(parked).update();
        List<Long> dormant = members(Segments.dormant(180));
        assertThat(dormant).contains(parked).doesNotContain(exhibitionAndWeb, reader);
        long expected = jdbc.sql("""
                select count(*) from lead l
                where coalesce((select max(occurred_at) from activity a where a.lead_id = l.id), '-infinity')
                      < now() - interval '180 days'
                   or (l.stage in ('DORMANT', 'DISQUALIFIED') and l.stage_changed_at < now() - interval '180 days')""")
                .query(Long.class).single();
        assertThat(segments.count(Segments.dormant(180), ProductScope.all())).isEqualTo(expected);
    }

    @Test
    void nestedNotAndOrCombine() {
        Condition hot = new Condition.FieldIs(SegmentField.LEAD_STAGE, SegmentOperator.EQUALS, "WORKING_CONNECTED");
        Condition industry = new Condition.FieldIs(SegmentField.COMPANY_INDUSTRY, SegmentOperator.EQUALS, "MANUFACTURING");
        long all = segments.count(new Condition.Group(Condition.Junction.ALL, List.of()), ProductScope.all());
        long either = segments.count(new Condition.Group(Condition.Junction.ANY, List.of(hot, industry)), ProductScope.all());
        long neither = segments.count(new Condition.Group(Condition.Junction.NONE, List.of(hot, industry)), ProductScope.all());
        assertThat(either).isPositive();
        assertThat(either + neither).isEqualTo(all);
        long scoped = segments.count(new Condition.Group(Condition.Junction.ALL, List.of()),
                ProductScope.only(List.of(product)));
        assertThat(scoped).isEqualTo(jdbc.sql("select count(*) from lead where product_id = ?").param(product)
                .query(Long.class).single());
    }

    @Test
    void textValuesAreMatchedLiterallyNeverAsSql() {
        long before = jdbc.sql("select count(*) from lead").query(Long.class).single();
        Condition evil = new Condition.FieldIs(SegmentField.COMPANY_NAME, SegmentOperator.CONTAINS, "'; delete from lead; --");
        assertThat(segments.count(evil, ProductScope.all())).isZero();
        assertThat(segments.count(new Condition.FieldIs(SegmentField.PERSON_EMAIL, SegmentOperator.CONTAINS, "%"),
                ProductScope.all())).isZero();
        assertThat(jdbc.sql("select count(*) from lead").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aFrozenSegmentKeepsItsMembers() {
        long id = segments.create("frozen test", Segments.topicReader(product, "IoT"), null);
        long members = segments.freeze(id);
        assertThat(members).isEqualTo(segments.count(Segments.topicReader(product, "IoT"), ProductScope.all()));
        for (int i = 0; i < 5; i++) {
            activity(fourPages, "PAGE_VIEWED", "now() - interval '2 days'", "{\"topics\": [\"IoT\"]}");
        }
        assertThat(segments.count(id, ProductScope.all())).isEqualTo(members);
        assertThat(audience.leadIds(id)).doesNotContain(fourPages);
        assertThat(segments.count(Segments.topicReader(product, "IoT"), ProductScope.all())).isEqualTo(members + 1);
        assertThatThrownBy(() -> segments.update(id, "x", Segments.dormant(10))).isInstanceOf(InvalidSegment.class);
        assertThat(audience.sql(id).sql()).contains("segment_member");
    }

    @Test
    void exportWritesExcelReadyCsvWithFormulasNeutralised() {
        jdbc.sql("update person set job_title = '=HYPERLINK(\"http://x\")', department = '@SUM(A1)' "
                + "where id = (select person_id from lead where id = ?)").param(reader).update();
        long id = segments.create("export test", Segments.topicReader(product, "IoT"), null);
        String name = jdbc.sql("select p.full_name from lead l join person p on p.id = l.person_id where l.id = ?")
                .param(reader).query(String.class).single();

        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        export.write(id, ProductScope.all(), StandardCharsets.UTF_8, utf8);
        byte[] bytes = utf8.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("lead_id,name,kana,company,")
                .contains(reader + "," + name)
                .contains("\"'=HYPERLINK(\"\"http://x\"\")\"", "'@SUM(A1)")
                .doesNotContain(",=HYPERLINK", ",@SUM");

        ByteArrayOutputStream sjis = new ByteArrayOutputStream();
        export.write(id, ProductScope.all(), Charset.forName("Windows-31J"), sjis);
        assertThat(new String(sjis.toByteArray(), Charset.forName("Windows-31J"))).contains(name);
        assertThat(sjis.toByteArray()[0]).isEqualTo((byte) 'l');
    }

    @Test
    void customFieldConditionsCompareTextNumbersAndDates() {
        long other = DemoLeads.leadIn(jdbc, "FACTORY-IOT", "NEW_LEAD", 0);
        jdbc.sql("update lead set custom = cast(? as jsonb) where id = ?")
                .params("{\"units\": \"120\", \"trial\": \"2026-12-01\", \"plan\": \"50%_premium\"}", reader).update();
        jdbc.sql("update lead set custom = cast(? as jsonb) where id = ?")
                .params("{\"units\": \"9\", \"trial\": \"2026-01-15\", \"plan\": \"basic\"}", other).update();
        jdbc.sql("update lead set custom = cast(? as jsonb) where id = ?")
                .params("{\"units\": \"many\"}", fourPages).update();

        assertThat(members(custom("units", SegmentOperator.AT_LEAST, "100"))).contains(reader)
                .doesNotContain(other, fourPages);
        assertThat(members(custom("units", SegmentOperator.AT_MOST, "10.5"))).contains(other)
                .doesNotContain(reader, fourPages);
        assertThat(members(custom("trial", SegmentOperator.AT_LEAST, "2026-06-01"))).contains(reader)
                .doesNotContain(other);
        assertThat(members(custom("plan", SegmentOperator.STARTS_WITH, "50%_"))).containsExactly(reader);
        assertThat(members(custom("plan", SegmentOperator.EQUALS, "basic"))).containsExactly(other);
        assertThat(members(custom("units", SegmentOperator.IS_SET, null))).contains(reader, other, fourPages);
        assertThat(members(new Condition.Group(Condition.Junction.NONE, List.of(
                custom("units", SegmentOperator.AT_LEAST, "100"))))).contains(other, fourPages).doesNotContain(reader);

        assertThatThrownBy(() -> members(custom("units'; --", SegmentOperator.EQUALS, "1")))
                .isInstanceOf(InvalidSegment.class);
        assertThatThrownBy(() -> members(custom("units", SegmentOperator.AT_LEAST, "lots")))
                .isInstanceOf(InvalidSegment.class);
        assertThatThrownBy(() -> members(custom("units", SegmentOperator.IS_TRUE, null)))
                .isInstanceOf(InvalidSegment.class);
    }

    @Test
    void consentConditionsFollowGrantsWithdrawalsAndTheGlobalOptOut() {
        long person = personOf(reader);
        long otherPerson = personOf(fourPages);
        jdbc.sql("delete from consent where person_id = any(?)").param(new Long[] {person, otherPerson}).update();
        jdbc.sql("""
                delete from email_suppression where email_hash in
                    (select sha256(convert_to(email, 'UTF8')) from person where id = any(?))""")
                .param(new Long[] {person, otherPerson}).update();
        long newsletter = jdbc.sql("select id from email_type where product_id = ? and code = 'NEWSLETTER'")
                .param(product).query(Long.class).single();
        consents.grant(person, newsletter, ConsentBasis.OPT_IN, "test form");
        consents.grant(otherPerson, newsletter, ConsentBasis.BUSINESS_CARD, "test import");
        consents.withdraw(otherPerson, newsletter, "test unsubscribe");

        Condition receivable = new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.FieldIs(SegmentField.LEAD_PRODUCT, SegmentOperator.EQUALS, String.valueOf(product)),
                new Condition.Consent("newsletter", true)));
        assertThat(members(receivable)).contains(reader).doesNotContain(fourPages);
        assertThat(members(new Condition.Consent("NEWSLETTER", false))).contains(fourPages).doesNotContain(reader);
        assertThat(members(receivable)).hasSize(jdbc.sql("""
                select count(*) from lead l join person p on p.id = l.person_id
                join consent c on c.person_id = p.id and c.status = 'GRANTED'
                join email_type t on t.id = c.email_type_id and t.product_id = l.product_id and t.code = 'NEWSLETTER'
                where l.product_id = ? and p.email is not null
                  and not exists (select 1 from email_suppression s where s.email_hash = sha256(convert_to(p.email, 'UTF8')))""")
                .param(product).query(Integer.class).single());

        consents.optOutEverywhere(person, "test preference page");
        assertThat(members(receivable)).doesNotContain(reader);
        assertThatThrownBy(() -> members(new Condition.Consent("news letter!", true))).isInstanceOf(InvalidSegment.class);
    }

    @Test
    void exportCarriesTheConsentColumns() {
        long person = personOf(fourPages);
        jdbc.sql("delete from consent where person_id = ?").param(person).update();
        long caseStudy = jdbc.sql("select id from email_type where product_id = ? and code = 'CASE_STUDY'")
                .param(product).query(Long.class).single();
        consents.grant(person, caseStudy, ConsentBasis.OPT_IN, "test form");
        long id = segments.create("consent export", new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.FieldIs(SegmentField.LEAD_PRODUCT, SegmentOperator.EQUALS, String.valueOf(product)))),
                null);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(id, ProductScope.all(), StandardCharsets.UTF_8, out);
        String csv = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",source_channel,email_consents,opted_out");
        String row = csv.lines().filter(l -> l.startsWith(fourPages + ",")).findFirst().orElseThrow();
        assertThat(row).endsWith(",CASE_STUDY,false");
    }

    private static Condition custom(String key, SegmentOperator operator, String value) {
        return new Condition.CustomFieldIs(key, operator, value);
    }

    private long personOf(long lead) {
        return jdbc.sql("select person_id from lead where id = ?").param(lead).query(Long.class).single();
    }
}
