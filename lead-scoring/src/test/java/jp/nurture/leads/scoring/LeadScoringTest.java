package jp.nurture.leads.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.capture.LeadsImported;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.Bant;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadEdit;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.scoring.decay.DailyDecay;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.NextAction;
import jp.nurture.leads.scoring.model.ScoringModel;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A product's leads scored by its model on a real PostgreSQL: on every activity, on a model change, each day. */
@SpringBootTest
@Import(ScoringFixture.class)
class LeadScoringTest {

    @Autowired ScoringFixture fixture;
    @Autowired ScoringModels models;
    @Autowired LeadScores scores;
    @Autowired LeadService leads;
    @Autowired DailyDecay decay;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired org.springframework.context.ApplicationEventPublisher events;

    @Test
    void aNewProductStartsFromTheExampleTable() {
        long product = fixture.product();
        ScoringModel model = models.active(product);
        assertThat(model.version()).isEqualTo(1);
        assertThat(model.content().rules()).hasSize(12).contains(
                ScoringRule.fit(Criterion.REVENUE_BAND, "OVER_100_BN", 10),
                ScoringRule.fit(Criterion.TITLE_LEVEL, "EXECUTIVE", 10),
                ScoringRule.engagement(Criterion.PAGE_VIEWED, null, 3, 30, null, 2));
    }

    @Test
    void aNewActivityRescoresTheLeadWithinOneSecondAndCrossingTheHotRuleIsRecorded() throws Exception {
        long product = fixture.product();
        long lead = fixture.lead(product, Industry.IT, RevenueBand.OVER_100_BN, TitleLevel.EXECUTIVE);
        fixture.drain();
        assertThat(fixture.scores(lead)).containsExactly(25, 0, 25, 0);

        Instant start = Instant.now();
        fixture.activity(lead, product, ActivityType.DOCUMENT_DOWNLOADED, Instant.now(), Map.of("url", "/docs/a.pdf"));
        while (fixture.scores(lead)[1] == 0 && Duration.between(start, Instant.now()).toMillis() < 1000) {
            Thread.sleep(10);
        }
        assertThat(fixture.scores(lead)).containsExactly(25, 5, 30, 1);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(1));
        assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type = 'BECAME_HOT'").param(lead)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(fixture.hotEvents).anyMatch(e -> e.leadId() == lead && e.fitScore() == 25 && e.engagementScore() == 5);

        ScoreExplanation why = scores.explain(lead);
        assertThat(why.reasons()).extracting(r -> r.rule().criterion() + "=" + r.points())
                .containsExactlyInAnyOrder("REVENUE_BAND=10", "INDUSTRY=5", "TITLE_LEVEL=10", "DOCUMENT_DOWNLOADED=5");
        assertThat(why.nextAction()).isEqualTo(NextAction.VISIT);
        assertThat(why.history()).extracting(ScoreExplanation.HistoryPoint::engagement).containsExactly(0, 5);
    }

    @Test
    void visitsGivePointsOnlyWhenThreeFallWithinThirtyDays() {
        long product = fixture.product();
        long lead = fixture.lead(product, Industry.OTHER, RevenueBand.UNDER_1_BN, TitleLevel.STAFF);
        Instant now = Instant.now();
        fixture.activities(List.of(
                new NewActivity(lead, product, ActivityType.PAGE_VIEWED, now.minus(Duration.ofDays(40)), null, null),
                new NewActivity(lead, product, ActivityType.PAGE_VIEWED, now.minus(Duration.ofDays(5)), null, null),
                new NewActivity(lead, product, ActivityType.PAGE_VIEWED, now.minus(Duration.ofDays(1)), null, null)));
        fixture.drain();
        assertThat(fixture.scores(lead)).containsExactly(1, 0, 1, 0);
        assertThat(scores.explain(lead).nextAction()).isEqualTo(NextAction.EMAIL);

        fixture.activity(lead, product, ActivityType.PAGE_VIEWED, now, Map.of());
        fixture.drain();
        assertThat(fixture.scores(lead)).containsExactly(1, 2, 3, 0);
    }

    @Test
    void anAttributeChangeRescoresTheLead() {
        long product = fixture.product();
        long leadId = fixture.lead(product, Industry.RETAIL, RevenueBand.FROM_10_BN, TitleLevel.STAFF);
        fixture.drain();
        assertThat(fixture.scores(leadId)[0]).isEqualTo(3);
        Lead lead = leads.get(leadId, ProductScope.all());
        leads.edit(leadId, new LeadEdit(lead.getVersion(), "山田 太郎", null, null, null, "経営企画室", "取締役",
                TitleLevel.EXECUTIVE, new Bant(null, null, Authority.DECISION_MAKER, null, Timeframe.WITHIN_3_MONTHS),
                null, null, null, null), null, ProductScope.all());
        fixture.drain();
        assertThat(fixture.scores(leadId)[0]).isEqualTo(12);
    }

    @Test
    void leadsOfAnImportAreScoredFromTheImportsOwnEvent() {
        long product = fixture.product();
        long leadId = fixture.lead(product, Industry.RETAIL, RevenueBand.FROM_10_BN, TitleLevel.STAFF);
        fixture.drain();
        // As an import leaves them: written set-based, no per-row activity event, no score yet.
        jdbc.sql("update lead set fit_score = 0, engagement_score = 0, score = 0 where id = ?").param(leadId).update();
        transactions.executeWithoutResult(tx -> events.publishEvent(new LeadsImported(1L, product, List.of(leadId))));
        fixture.drain();
        assertThat(fixture.scores(leadId)[0]).isEqualTo(3);
    }

    @Test
    void aModelChangeRescoresEveryLeadOfTheProductAndKeepsTheOldVersion() {
        long product = fixture.product();
        long other = fixture.product();
        long it = fixture.lead(product, Industry.IT, RevenueBand.UNDER_1_BN, TitleLevel.STAFF, Prefecture.OSAKA);
        long retail = fixture.lead(product, Industry.RETAIL, RevenueBand.UNDER_1_BN, TitleLevel.STAFF);
        long otherIt = fixture.lead(other, Industry.IT, RevenueBand.UNDER_1_BN, TitleLevel.STAFF);
        fixture.drain();
        assertThat(fixture.scores(it)[0]).isEqualTo(6);

        ModelDraft edited = new ModelDraft(List.of(ScoringRule.fit(Criterion.INDUSTRY, "IT", 20),
                ScoringRule.fit(Criterion.AREA, "KINKI", 3),
                ScoringRule.engagement(Criterion.DOCUMENT_DOWNLOADED, "pricing", 1, 90, 10, 8)),
                HotRule.total(20), 10, "IT first");
        ModelSaved saved = models.save(product, edited, null);

        assertThat(saved.model().version()).isEqualTo(2);
        assertThat(saved.leadsChanged()).isEqualTo(2);
        assertThat(saved.becameHot()).isEqualTo(1);
        assertThat(fixture.scores(it)).containsExactly(23, 0, 23, 1);
        assertThat(fixture.scores(retail)).containsExactly(0, 0, 0, 0);
        assertThat(fixture.scores(otherIt)[0]).isEqualTo(6);
        assertThat(models.version(product, 1).orElseThrow().content().rules()).hasSize(12);
        assertThat(models.versions(product)).extracting(ScoringModel::version, ScoringModel::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, ScoringModel.Status.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple(1, ScoringModel.Status.RETIRED));

        // The filter and the half-life: a pricing download ten days ago is worth half of 8.
        fixture.activity(retail, product, ActivityType.DOCUMENT_DOWNLOADED, Instant.now().minus(Duration.ofDays(10)),
                Map.of("url", "/docs/Pricing-2026.pdf"));
        fixture.activity(retail, product, ActivityType.DOCUMENT_DOWNLOADED, Instant.now().minus(Duration.ofDays(20)),
                Map.of("url", "/docs/brochure.pdf"));
        fixture.drain();
        assertThat(fixture.scores(retail)).containsExactly(0, 4, 4, 0);
    }

    @Test
    void anInvalidModelIsRefusedAndNothingIsSaved() {
        long product = fixture.product();
        ModelDraft invalid = new ModelDraft(List.of(ScoringRule.fit(Criterion.INDUSTRY, "BANKING", 5),
                ScoringRule.fit(Criterion.TITLE_LEVEL, "EXECUTIVE", 0),
                new ScoringRule(Criterion.INDUSTRY, "IT", 3, 30, null, 5)),
                HotRule.total(10), 12, null);
        assertThatThrownBy(() -> models.save(product, invalid, null)).isInstanceOfSatisfying(InvalidModel.class,
                e -> assertThat(e.problems()).extracting(p -> p.rule() + ":" + p.code())
                        .containsExactlyInAnyOrder("0:value.unknown", "1:points.range", "2:fit.counting",
                                "-1:callFrom.belowHot"));
        assertThat(models.versions(product)).hasSize(1);
    }

    @Test
    void theDailyDecayRunsOncePerProductAndDayEvenWhenTwoInstancesStartIt() throws Exception {
        long product = fixture.product();
        long lead = fixture.lead(product, Industry.IT, RevenueBand.UNDER_1_BN, TitleLevel.STAFF);
        fixture.drain();
        // Pretend the lead's score went stale (as if its points had decayed since).
        jdbc.sql("update lead set fit_score = 0, score = 0 where id = ?").param(lead).update();

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> instances = List.of(decay::run, decay::run);
            List<Integer> runs = new ArrayList<>();
            for (Future<Integer> f : two.invokeAll(instances)) {
                runs.add(f.get());
            }
            assertThat(jdbc.sql("select count(*) from scoring_decay_run where product_id = ?").param(product)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(fixture.scores(lead)[0]).isEqualTo(6);
            assertThat(decay.run()).isZero();
        } finally {
            two.shutdown();
        }
    }
}
