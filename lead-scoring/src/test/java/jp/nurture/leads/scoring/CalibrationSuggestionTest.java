package jp.nurture.leads.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.scoring.calibration.CalibrationReport;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A product whose history says one thing: finance companies buy (80%), the others mostly do not (10%), whatever
 * their title or size. The seed table does not know that; the suggestion must find it and back-test better.
 */
@SpringBootTest
@Import(ScoringFixture.class)
class CalibrationSuggestionTest {

    private static final Industry[] INDUSTRIES = {Industry.IT, Industry.MANUFACTURING, Industry.RETAIL,
        Industry.FINANCE, Industry.SERVICES};
    private static final RevenueBand[] REVENUES = RevenueBand.values();
    private static final TitleLevel[] TITLES = TitleLevel.values();
    private static final String[] RETURN_REASONS = {"予算なし", "担当者違い", "時期尚早"};

    @Autowired ScoringFixture fixture;
    @Autowired Calibration calibration;
    @Autowired ScoringModels models;

    @Test
    void theSuggestionRanksThePredictiveAttributeFirstAndBackTestsBetterThanTheSeedTable() {
        long product = fixture.product();
        Random random = new Random(7);
        Instant handedAt = Instant.now().minus(Duration.ofDays(20));
        List<NewActivity> outcomes = new ArrayList<>();
        int won = 0;
        for (int i = 0; i < 300; i++) {
            Industry industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
            long lead = fixture.lead(product, industry, REVENUES[random.nextInt(REVENUES.length)],
                    TITLES[random.nextInt(TITLES.length)], Prefecture.TOKYO);
            outcomes.add(new NewActivity(lead, product, ActivityType.ROUTED, handedAt, null, Map.of()));
            boolean wins = random.nextDouble() < (industry == Industry.FINANCE ? 0.8 : 0.1);
            if (wins) {
                won++;
                outcomes.add(new NewActivity(lead, product, ActivityType.ACCEPTED, handedAt.plusSeconds(60), null, Map.of()));
                outcomes.add(new NewActivity(lead, product, ActivityType.WON, handedAt.plusSeconds(120), null, Map.of()));
            } else if (random.nextBoolean()) {
                outcomes.add(new NewActivity(lead, product, ActivityType.RETURNED, handedAt.plusSeconds(60), null,
                        Map.of("reason", RETURN_REASONS[random.nextInt(RETURN_REASONS.length)])));
            } else {
                outcomes.add(new NewActivity(lead, product, ActivityType.ACCEPTED, handedAt.plusSeconds(60), null, Map.of()));
                outcomes.add(new NewActivity(lead, product, ActivityType.LOST, handedAt.plusSeconds(120), null, Map.of()));
            }
        }
        fixture.activities(outcomes);
        fixture.drain();

        CalibrationReport report = calibration.report(product, Calibration.DEFAULT_TARGET_WIN_RATE);

        assertThat(report.handedOff()).isEqualTo(300);
        assertThat(report.bands().stream().mapToInt(CalibrationReport.BandOutcome::won).sum()).isEqualTo(won);
        assertThat(report.bands()).allSatisfy(b -> assertThat(b.accepted() + b.returned()).isEqualTo(b.handedOff()));
        assertThat(report.bands()).anySatisfy(b -> assertThat(b.topReturnReasons()).isNotEmpty());
        CalibrationReport.Suggestion suggestion = report.suggestion();
        assertThat(suggestion).as(report.suggestionMissing()).isNotNull();
        CalibrationReport.Weight first = suggestion.weights().get(0);
        assertThat(first.feature()).isEqualTo("INDUSTRY=FINANCE");
        assertThat(first.points()).isPositive()
                .isEqualTo(suggestion.weights().stream().mapToInt(CalibrationReport.Weight::points).max().orElseThrow());
        assertThat(suggestion.suggestedAuc()).isGreaterThan(suggestion.activeAuc() + 0.15).isGreaterThan(0.75);
        assertThat(suggestion.winRateAtThreshold()).isGreaterThanOrEqualTo(0.30);
        assertThat(suggestion.targetReached()).isTrue();
        assertThat(suggestion.precision()).isGreaterThan(0.5);
        assertThat(suggestion.trainLeads() + suggestion.heldOutLeads()).isEqualTo(300);

        ModelSaved applied = calibration.apply(product, suggestion.model().id(), suggestion.threshold(), null);

        assertThat(applied.model().version()).isEqualTo(2);
        assertThat(applied.model().content().hotRule()).isEqualTo(HotRule.total(suggestion.threshold()));
        assertThat(applied.model().content().rules()).contains(ScoringRule.fit(Criterion.INDUSTRY, "FINANCE", first.points()));
        assertThat(applied.leadsChanged()).isPositive();
        assertThat(models.version(product, 1)).isPresent();
    }
}
