package jp.nurture.leads.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.LeadBecameHot;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.Company;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.TargetDefinition;
import jp.nurture.leads.scoring.engine.ScoringQueue;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Builds products, leads and activities through lead-core's own services, as the app would. */
@Component
class ScoringFixture {

    final List<LeadBecameHot> hotEvents = java.util.Collections.synchronizedList(new ArrayList<>());

    private final ProductCatalog catalog;
    private final Companies companies;
    private final People people;
    private final LeadService leads;
    private final ActivityLog activities;
    private final JdbcClient jdbc;
    private final ScoringQueue queue;

    ScoringFixture(ProductCatalog catalog, Companies companies, People people, LeadService leads,
            ActivityLog activities, JdbcClient jdbc, ScoringQueue queue) {
        this.catalog = catalog;
        this.companies = companies;
        this.people = people;
        this.leads = leads;
        this.activities = activities;
        this.jdbc = jdbc;
        this.queue = queue;
    }

    @EventListener
    void on(LeadBecameHot event) {
        hotEvents.add(event);
    }

    long product() {
        String code = "T" + UUID.randomUUID().toString().substring(0, 8);
        return catalog.create(code, "Test " + code, TargetDefinition.any()).getId();
    }

    long lead(long product, Industry industry, RevenueBand revenue, TitleLevel title) {
        return lead(product, industry, revenue, title, Prefecture.TOKYO);
    }

    long lead(long product, Industry industry, RevenueBand revenue, TitleLevel title, Prefecture prefecture) {
        Company company = new Company("株式会社" + UUID.randomUUID().toString().substring(0, 6));
        company.describe(industry, revenue, EmployeeBand.FROM_300, prefecture);
        companies.save(company);
        Person person = new Person("山田 太郎", UUID.randomUUID() + "@example.jp", company.getId());
        person.changeContact(null, "情報システム部", "部長", title);
        people.save(person);
        return leads.open(person.getId(), product, Channel.WEB_FORM, null, null, null).getId();
    }

    void activity(long lead, long product, ActivityType type, Instant at, Map<String, ?> detail) {
        activities.record(new NewActivity(lead, product, type, at, null, detail));
    }

    void activities(List<NewActivity> all) {
        activities.recordAll(all);
    }

    int[] scores(long lead) {
        return jdbc.sql("select fit_score, engagement_score, score, case when hot then 1 else 0 end from lead where id = ?")
                .param(lead).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)})
                .single();
    }

    /** Works the queue until it is empty, so a test does not wait for the worker's poll. */
    void drain() {
        // The worker may hold a claim: its rows stay visible (locked) until it commits, so wait for an empty queue.
        long deadline = System.currentTimeMillis() + 10_000;
        while (queue.drainOnce() > 0
                || jdbc.sql("select count(*) from scoring_queue").query(Long.class).single() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the scoring queue did not empty");
            }
            Thread.onSpinWait();
        }
    }
}
