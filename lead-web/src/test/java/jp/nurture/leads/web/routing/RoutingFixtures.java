package jp.nurture.leads.web.routing;

import java.util.concurrent.atomic.AtomicInteger;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.Company;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import jp.nurture.leads.routing.RoutingSettings;
import jp.nurture.leads.routing.RoutingSetup;
import jp.nurture.leads.routing.Strategy;
import jp.nurture.leads.routing.TargetKind;
import jp.nurture.leads.routing.TeamCut;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes fresh companies, people and leads for routing tests, so no test depends on the demo's random spread. */
@Component
public class RoutingFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Companies companies;
    private final People people;
    private final LeadService leads;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    private final ProductCatalog catalog;
    private final RoutingSetup setup;

    RoutingFixtures(Companies companies, People people, LeadService leads, JdbcClient jdbc,
            TransactionTemplate tx, ProductCatalog catalog, RoutingSetup setup) {
        this.catalog = catalog;
        this.setup = setup;
        this.companies = companies;
        this.people = people;
        this.leads = leads;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public long userId(String username) {
        return jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
    }

    public long productId(String code) {
        return jdbc.sql("select id from product where code = ?").param(code).query(Long.class).single();
    }

    /** A new lead of the product at a new company in the prefecture, worked up to the stage, with a high score. */
    public long lead(String productCode, Prefecture prefecture, Industry industry, String accountOwner, Stage stage) {
        int n = SEQ.incrementAndGet();
        long insideId = userId("inside");
        Long id = tx.execute(status -> {
            Company company = new Company("株式会社ルーティング試験" + n + "-" + System.nanoTime());
            company.describe(industry, RevenueBand.FROM_10_BN, EmployeeBand.FROM_300, prefecture);
            if (accountOwner != null) {
                company.becomeCustomer(userId(accountOwner));
            }
            companies.save(company);
            Person person = new Person("試験 " + n + "郎", "routing" + n + "-" + System.nanoTime() + "@test.example.jp",
                    company.getId());
            people.save(person);
            // Channel OTHER, which the demo never uses, lets a test show only its own cards on the board
            // (?channel=OTHER); scores are left to scoring, which rescores every lead after each activity.
            Lead lead = leads.open(person.getId(), productId(productCode), Channel.OTHER, "試験フォーム", insideId,
                    insideId);
            return lead.getId();
        });
        moveTo(id, stage);
        return id;
    }

    /** Moves the lead forward step by step to the stage, as inside sales would. */
    public void moveTo(long leadId, Stage target) {
        for (Stage s : Stage.BOARD) {
            Lead lead = leads.get(leadId, ProductScope.all());
            if (s.step() > lead.getStage().step() && s.step() <= target.step()) {
                leads.moveStage(leadId, lead.getVersion(), s, null, userId("inside"), ProductScope.all());
            }
        }
    }

    /** A product of its own, routed to a team of its own, so a test never competes for other tests' capacity. */
    public String isolatedProduct(Strategy strategy, String... members) {
        int n = SEQ.incrementAndGet();
        String code = "RT-" + n + "-" + (System.nanoTime() % 100_000);
        long product = catalog.create(code, "ルーティング試験製品 " + code, new TargetDefinition(
                java.util.EnumSet.noneOf(Industry.class), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(), null, null, null)).getId();
        long team = setup.createTeam("試験チーム " + code, TeamCut.PRODUCT, null);
        for (String member : members) {
            setup.putMember(team, userId(member), 1000);
        }
        setup.saveSettings(new RoutingSettings(product, false, false, null, 2, false, java.util.List.of()));
        if (strategy != null) {
            setup.addRule(new RoutingSetup.NewRule(product, "全国", null, java.util.Set.of(), java.util.Set.of(),
                    java.util.Set.of(), null, null, null, TargetKind.TEAM, null, team, strategy));
        }
        return code;
    }

    public long teamOf(String productCode) {
        return jdbc.sql("select id from sales_team where name = ?").param("試験チーム " + productCode).query(Long.class)
                .single();
    }

    public String stage(long leadId) {
        return jdbc.sql("select stage from lead where id = ?").param(leadId).query(String.class).single();
    }
}
