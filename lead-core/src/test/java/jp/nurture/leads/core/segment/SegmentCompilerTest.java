package jp.nurture.leads.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.product.ProductScope;
import org.junit.jupiter.api.Test;

class SegmentCompilerTest {

    private final SegmentCompiler compiler = new SegmentCompiler(
            Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC));

    @Test
    void marketerTextTravelsOnlyAsParameters() {
        String evil = "x'); drop table lead; --";
        Condition condition = new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.FieldIs(SegmentField.COMPANY_NAME, SegmentOperator.CONTAINS, evil),
                new Condition.HasActivity(ActivityType.PAGE_VIEWED, evil, evil, evil, evil, evil, 1, null)));
        SegmentSql sql = compiler.compile(condition, ProductScope.all());
        assertThat(sql.sql()).doesNotContain("drop").doesNotContain("x'");
        assertThat(sql.params()).contains("%x'); drop table lead; --%", evil);
    }

    @Test
    void likeWildcardsInValuesAreEscaped() {
        SegmentSql sql = compiler.compile(new Condition.FieldIs(SegmentField.PERSON_EMAIL, SegmentOperator.STARTS_WITH,
                "50%_off\\"), ProductScope.all());
        assertThat(sql.params()).containsExactly("50\\%\\_off\\\\%");
    }

    @Test
    void lastCalendarYearIsTheJapaneseCalendarYearBeforeThisOne() {
        SegmentSql sql = compiler.compile(new Condition.HasActivity(ActivityType.EXHIBITION_ATTENDED, null, null, null,
                null, null, 1, Condition.Window.lastCalendarYear()), ProductScope.all());
        assertThat(sql.params()).contains(Timestamp.from(Instant.parse("2024-12-31T15:00:00Z")),
                Timestamp.from(Instant.parse("2025-12-31T15:00:00Z")));
    }

    @Test
    void betweenDatesIncludesTheLastDay() {
        SegmentSql sql = compiler.compile(new Condition.HasActivity(ActivityType.SEMINAR_ATTENDED, null, null, null,
                null, null, 2, Condition.Window.between(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30))),
                ProductScope.all());
        assertThat(sql.params()).contains(Timestamp.from(Instant.parse("2026-03-31T15:00:00Z")),
                Timestamp.from(Instant.parse("2026-04-30T15:00:00Z")), 2);
    }

    @Test
    void aProductAtTheTopNarrowsEveryActivityScan() {
        SegmentSql sql = compiler.compile(Segments.topicReader(7, "IoT"), ProductScope.all());
        assertThat(sql.sql()).contains("a.product_id = ?").contains("having count(*) >= ?");
        assertThat(sql.params()).contains(7L, "IoT", 5);
    }

    @Test
    void noneOfIsNegatedOr() {
        SegmentSql sql = compiler.compile(new Condition.Group(Condition.Junction.NONE, List.of(
                new Condition.FieldIs(SegmentField.LEAD_HOT, SegmentOperator.IS_TRUE, null),
                new Condition.Inactive(30))), ProductScope.all());
        assertThat(sql.sql()).contains("not ((coalesce(l.hot, false)) or (not exists");
    }

    @Test
    void aRestrictedScopeLimitsTheProducts() {
        SegmentSql sql = compiler.compile(new Condition.Group(null, null), ProductScope.only(List.of(3L)));
        assertThat(sql.sql()).contains("l.product_id = any(?)");
        assertThat((Long[]) sql.params().get(0)).containsExactly(3L);
    }

    @Test
    void invalidConditionsAreRefusedWithAReason() {
        assertRefused(new Condition.FieldIs(SegmentField.LEAD_SCORE, SegmentOperator.CONTAINS, "1"),
                "segment.invalid.operator");
        assertRefused(new Condition.FieldIs(SegmentField.LEAD_SCORE, SegmentOperator.AT_LEAST, "many"),
                "segment.invalid.number");
        assertRefused(new Condition.FieldIs(SegmentField.LEAD_STAGE, SegmentOperator.EQUALS, "ANYTHING"),
                "segment.invalid.choice");
        assertRefused(new Condition.FieldIs(SegmentField.COMPANY_NAME, SegmentOperator.EQUALS, " "),
                "segment.invalid.value");
        assertRefused(new Condition.Inactive(0), "segment.invalid.days");
        assertRefused(new Condition.HasActivity(ActivityType.CALL, null, null, null, null, null, 1,
                Condition.Window.between(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 1))), "segment.invalid.dates");
        Condition deep = new Condition.Inactive(1);
        for (int i = 0; i < 10; i++) {
            deep = new Condition.Group(Condition.Junction.ALL, List.of(deep));
        }
        assertRefused(deep, "segment.invalid.tooDeep");
        List<Condition> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(new Condition.Inactive(1));
        }
        assertRefused(new Condition.Group(Condition.Junction.ANY, many), "segment.invalid.tooLarge");
    }

    private void assertRefused(Condition condition, String key) {
        assertThatThrownBy(() -> compiler.compile(condition, ProductScope.all()))
                .isInstanceOfSatisfying(InvalidSegment.class, e -> assertThat(e.messageKey()).isEqualTo(key));
    }
}
