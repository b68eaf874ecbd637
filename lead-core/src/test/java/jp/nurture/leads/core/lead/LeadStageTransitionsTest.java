package jp.nurture.leads.core.lead;

import static jp.nurture.leads.core.lead.Stage.CONVERTED;
import static jp.nurture.leads.core.lead.Stage.DISQUALIFIED;
import static jp.nurture.leads.core.lead.Stage.DORMANT;
import static jp.nurture.leads.core.lead.Stage.NEW_LEAD;
import static jp.nurture.leads.core.lead.Stage.WORKING_CONNECTED;
import static jp.nurture.leads.core.lead.Stage.WORKING_UNTOUCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jp.nurture.leads.core.lead.InvalidStageTransition.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pair of stages, with and without a reason, against the process the brief describes. */
class LeadStageTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");

    /** The moves the process allows, and whether each needs a reason. */
    private static final Map<Stage, Map<Stage, Boolean>> ALLOWED = Map.of(
            NEW_LEAD, Map.of(WORKING_UNTOUCHED, false, WORKING_CONNECTED, false, CONVERTED, false,
                    DORMANT, true, DISQUALIFIED, true),
            WORKING_UNTOUCHED, Map.of(WORKING_CONNECTED, false, CONVERTED, false, DORMANT, true, DISQUALIFIED, true),
            WORKING_CONNECTED, Map.of(CONVERTED, false, DORMANT, true, DISQUALIFIED, true),
            CONVERTED, Map.of(WORKING_UNTOUCHED, true, WORKING_CONNECTED, true),
            DORMANT, Map.of(NEW_LEAD, false),
            DISQUALIFIED, Map.of());

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (Stage from : Stage.values()) {
            for (Stage to : Stage.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesExactlyAsTheProcessAllows(Stage from, Stage to) {
        Boolean needsReason = ALLOWED.get(from).get(to);
        if (needsReason == null) {
            assertThatThrownBy(() -> leadAt(from).moveTo(to, "理由あり", 7L, NOW))
                    .isInstanceOf(InvalidStageTransition.class);
            assertThat(leadAt(from).canMoveTo(to)).isFalse();
            return;
        }
        if (needsReason) {
            assertThatThrownBy(() -> leadAt(from).moveTo(to, "  ", 7L, NOW))
                    .isInstanceOfSatisfying(InvalidStageTransition.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.REASON_REQUIRED));
        }
        Lead lead = leadAt(from);
        LeadStageChanged change = lead.moveTo(to, needsReason ? "予算凍結" : null, 7L, NOW);
        assertThat(lead.getStage()).isEqualTo(to);
        assertThat(lead.getStageChangedAt()).isEqualTo(NOW);
        assertThat(change.from()).isEqualTo(from);
        assertThat(change.to()).isEqualTo(to);
        assertThat(change.actorId()).isEqualTo(7L);
        assertThat(lead.canMoveTo(to)).isFalse();
    }

    @Test
    void theSameStageIsRefusedAsSuch() {
        assertThatThrownBy(() -> leadAt(WORKING_CONNECTED).moveTo(WORKING_CONNECTED, null, 1L, NOW))
                .isInstanceOfSatisfying(InvalidStageTransition.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SAME_STAGE));
    }

    @Test
    void aReturnedLeadKeepsTheReasonFieldSalesGave() {
        Lead lead = leadAt(CONVERTED);
        lead.moveTo(WORKING_CONNECTED, " 決裁者不在 ", 3L, NOW);
        assertThat(lead.getStageReason()).isEqualTo("決裁者不在");
    }

    @Test
    void aConvertedLeadCannotBeParkedOrSentToNewLead() {
        Set<Stage> refused = EnumSet.of(NEW_LEAD, DORMANT, DISQUALIFIED);
        for (Stage target : refused) {
            assertThatThrownBy(() -> leadAt(CONVERTED).moveTo(target, "理由", 1L, NOW))
                    .isInstanceOf(InvalidStageTransition.class);
        }
    }

    private static Lead leadAt(Stage stage) {
        Lead lead = new Lead(1L, 2L, Channel.WEB_FORM, "資料請求フォーム");
        try {
            Field field = Lead.class.getDeclaredField("stage");
            field.setAccessible(true);
            field.set(lead, stage);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return lead;
    }
}
