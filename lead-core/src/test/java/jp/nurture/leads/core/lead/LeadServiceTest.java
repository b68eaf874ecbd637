package jp.nurture.leads.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityRecorded;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.Company;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Leads on a real PostgreSQL: opening, moving, editing, scope, the list query and the timeline. */
@SpringBootTest
@Import(LeadServiceTest.RecordedEvents.class)
class LeadServiceTest {

    @Autowired LeadService leads;
    @Autowired LeadQueries queries;
    @Autowired ProductCatalog catalog;
    @Autowired People people;
    @Autowired Companies companies;
    @Autowired JdbcClient jdbc;
    @Autowired RecordedEvents recorded;

    Product cloud;
    Product factory;
    Person person;
    String tag;

    @BeforeEach
    void data() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        cloud = catalog.create("C" + tag, "クラウド会計", TargetDefinition.any());
        factory = catalog.create("F" + tag, "生産管理", TargetDefinition.any());
        Company company = companies.save(new Company("株式会社テスト" + tag));
        person = people.save(new Person("山田 太郎" + tag, "taro." + tag + "@example.jp", company.getId()));
        recorded.events.clear();
    }

    @Test
    void onePersonHoldsALeadPerProductEachWithItsOwnStage() {
        Lead a = leads.open(person.getId(), cloud.getId(), Channel.WEB_FORM, "資料請求", null, null);
        Lead b = leads.open(person.getId(), factory.getId(), Channel.EXHIBITION, "展示会", null, null);
        leads.moveStage(a.getId(), a.getVersion(), Stage.WORKING_CONNECTED, null, null, ProductScope.all());

        assertThat(leads.get(a.getId(), ProductScope.all()).getStage()).isEqualTo(Stage.WORKING_CONNECTED);
        assertThat(leads.get(b.getId(), ProductScope.all()).getStage()).isEqualTo(Stage.NEW_LEAD);
        assertThat(leads.open(person.getId(), cloud.getId(), Channel.API, null, null, null).getId())
                .isEqualTo(a.getId());
    }

    @Test
    void aStageMoveIsOnTheTimelineAndPublishesAnActivityEvent() {
        Lead lead = leads.open(person.getId(), cloud.getId(), Channel.WEB_FORM, "資料請求", null, null);
        leads.moveStage(lead.getId(), lead.getVersion(), Stage.DORMANT, "時期未定", null, ProductScope.all());

        LeadDossier dossier = leads.dossier(lead.getId(), ProductScope.all());
        assertThat(dossier.timeline()).extracting(a -> a.type())
                .containsExactly(ActivityType.STAGE_CHANGED, ActivityType.LEAD_CREATED);
        assertThat(dossier.timeline().get(0).detail())
                .containsEntry("from", "NEW_LEAD").containsEntry("to", "DORMANT").containsEntry("reason", "時期未定");
        assertThat(recorded.events).extracting(ActivityRecorded::type)
                .containsExactly(ActivityType.LEAD_CREATED, ActivityType.STAGE_CHANGED);
    }

    @Test
    void aMoveBasedOnAnOldVersionIsRefusedAndLosesNothing() {
        Lead lead = leads.open(person.getId(), cloud.getId(), Channel.WEB_FORM, null, null, null);
        long seen = lead.getVersion();
        leads.moveStage(lead.getId(), seen, Stage.WORKING_UNTOUCHED, null, null, ProductScope.all());

        assertThatThrownBy(() -> leads.moveStage(lead.getId(), seen, Stage.WORKING_CONNECTED, null, null,
                ProductScope.all())).isInstanceOf(ConcurrentLeadChange.class);
        assertThat(leads.get(lead.getId(), ProductScope.all()).getStage()).isEqualTo(Stage.WORKING_UNTOUCHED);
    }

    @Test
    void anEditOfOnlyThePersonStillBumpsTheLeadVersion() {
        Lead lead = leads.open(person.getId(), cloud.getId(), Channel.WEB_FORM, null, null, null);
        LeadEdit edit = new LeadEdit(lead.getVersion(), "山田 花子", null, "ＨＡＮＡＫＯ" + tag + "@example.jp", "03-1111-2222",
                "情報システム部", "部長", TitleLevel.MANAGER, lead.getBant(), null, null, null, null);
        leads.edit(lead.getId(), edit, null, ProductScope.all());

        Lead after = leads.get(lead.getId(), ProductScope.all());
        assertThat(after.getVersion()).isGreaterThan(lead.getVersion());
        assertThat(people.findById(person.getId()).orElseThrow().getEmail()).isEqualTo("hanako" + tag + "@example.jp");
        assertThatThrownBy(() -> leads.edit(lead.getId(), edit, null, ProductScope.all()))
                .isInstanceOf(ConcurrentLeadChange.class);
    }

    @Test
    void anEmailOfAnotherPersonIsRefused() {
        Person other = people.save(new Person("佐藤 次郎", "jiro." + tag + "@example.jp", null));
        Lead lead = leads.open(other.getId(), cloud.getId(), Channel.WEB_FORM, null, null, null);
        LeadEdit edit = new LeadEdit(lead.getVersion(), "佐藤 次郎", null, person.getEmail().toUpperCase(), null,
                null, null, null, Bant.unknown(), null, null, null, null);
        assertThatThrownBy(() -> leads.edit(lead.getId(), edit, null, ProductScope.all()))
                .isInstanceOf(DuplicateEmail.class);
    }

    @Test
    void aScopedUserCannotReachAnotherProductsLeadById() {
        Lead lead = leads.open(person.getId(), factory.getId(), Channel.WEB_FORM, null, null, null);
        ProductScope cloudOnly = ProductScope.only(List.of(cloud.getId()));

        assertThatThrownBy(() -> leads.get(lead.getId(), cloudOnly)).isInstanceOf(LeadNotFound.class);
        assertThatThrownBy(() -> leads.moveStage(lead.getId(), lead.getVersion(), Stage.WORKING_UNTOUCHED, null,
                null, cloudOnly)).isInstanceOf(LeadNotFound.class);
        assertThat(queries.list(new LeadFilter(null, null, null, tag, null), cloudOnly, 50).rows()).isEmpty();
    }

    @Test
    void theListFindsByNameEmailOrCompanyAndPagesByKeyset() {
        for (int i = 0; i < 5; i++) {
            Person p = people.save(new Person("候補 " + i + tag, "cand" + i + tag + "@example.jp", null));
            leads.open(p.getId(), cloud.getId(), Channel.IMPORT, null, null, null);
        }
        leads.open(person.getId(), cloud.getId(), Channel.WEB_FORM, null, null, null);

        LeadPage first = queries.list(new LeadFilter(cloud.getId(), null, null, null, null), ProductScope.all(), 4);
        assertThat(first.rows()).hasSize(4);
        LeadPage second = queries.list(new LeadFilter(cloud.getId(), null, null, null, first.nextBefore()),
                ProductScope.all(), 4);
        assertThat(second.rows()).hasSize(2);
        assertThat(second.nextBefore()).isNull();

        assertThat(queries.list(new LeadFilter(null, null, null, "テスト" + tag, null), ProductScope.all(), 10).rows())
                .extracting(LeadRow::personName).containsExactly(person.getFullName());
        assertThat(queries.list(new LeadFilter(null, null, null, "cand3" + tag, null), ProductScope.all(), 10).rows())
                .hasSize(1);
        // LIKE wildcards typed by a user are literal characters, not patterns.
        assertThat(queries.list(new LeadFilter(cloud.getId(), null, null, "%", null), ProductScope.all(), 10).rows())
                .isEmpty();
    }

    @Test
    void theBoardCountsEachColumnAndShowsTheBestScoresFirst() {
        List<Lead> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Person p = people.save(new Person("板 " + i + tag, null, null));
            opened.add(leads.open(p.getId(), cloud.getId(), Channel.SEMINAR, null, null, null));
        }
        jdbc.sql("update lead set score = 42 where id = ?").param(opened.get(0).getId()).update();
        leads.moveStage(opened.get(2).getId(), opened.get(2).getVersion(), Stage.WORKING_UNTOUCHED, null, null,
                ProductScope.all());

        List<BoardColumn> board = queries.board(cloud.getId(), 10);
        assertThat(board).extracting(BoardColumn::stage).containsExactly(Stage.NEW_LEAD, Stage.WORKING_UNTOUCHED,
                Stage.WORKING_CONNECTED, Stage.CONVERTED);
        assertThat(board).extracting(BoardColumn::total).containsExactly(2L, 1L, 0L, 0L);
        assertThat(board.get(0).cards().get(0).leadId()).isEqualTo(opened.get(0).getId());
    }

    @Test
    void countsStopAtTheCapSoABigColumnStaysCheap() {
        int many = LeadQueries.COUNT_CAP + 5;
        jdbc.sql("""
                with people as (
                    insert into person (full_name) select '大量 ' || g from generate_series(1, ?) g returning id)
                insert into lead (person_id, product_id, stage, source_channel)
                select id, ?, 'WORKING_UNTOUCHED', 'IMPORT' from people""").params(many, cloud.getId()).update();
        leads.open(person.getId(), cloud.getId(), Channel.WEB_FORM, null, null, null);

        List<BoardColumn> board = queries.board(cloud.getId(), 5);
        assertThat(board.get(1).total()).isEqualTo(LeadQueries.COUNT_CAP + 1L);
        assertThat(board.get(1).capped()).isTrue();
        assertThat(board.get(1).cards()).hasSize(5);
        assertThat(board.get(0).total()).isEqualTo(1L);
        assertThat(board.get(0).capped()).isFalse();
        assertThat(queries.stageCounts(ProductScope.only(List.of(cloud.getId()))).get(cloud.getId()))
                .containsEntry(Stage.WORKING_UNTOUCHED, LeadQueries.COUNT_CAP + 1L)
                .containsEntry(Stage.NEW_LEAD, 1L);
    }

    @TestConfiguration
    static class RecordedEvents {
        final List<ActivityRecorded> events = new ArrayList<>();

        @EventListener
        void on(ActivityRecorded event) {
            events.add(event);
        }
    }
}
