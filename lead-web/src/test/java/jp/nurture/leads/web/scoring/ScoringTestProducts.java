package jp.nurture.leads.web.scoring;

import java.util.UUID;
import jp.nurture.leads.core.lead.Channel;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Built by tests from the shared context's beans (not a bean itself, so the shared context stays shared). A fresh
 * product per test with a few staff-level leads (IT, retail, finance), so edits to its model touch no demo
 * data other tests rely on. Its leads are scored by the real queue; {@link #fit} waits for that.
 */
public class ScoringTestProducts {

    private final ProductCatalog catalog;
    private final Companies companies;
    private final People people;
    private final LeadService leads;
    private final JdbcClient jdbc;

    public ScoringTestProducts(ProductCatalog catalog, Companies companies, People people, LeadService leads, JdbcClient jdbc) {
        this.catalog = catalog;
        this.companies = companies;
        this.people = people;
        this.leads = leads;
        this.jdbc = jdbc;
    }

    public long productWithLeads() {
        String code = "S" + UUID.randomUUID().toString().substring(0, 8);
        long product = catalog.create(code, "スコア検証 " + code, TargetDefinition.any()).getId();
        for (Industry industry : new Industry[] {Industry.IT, Industry.RETAIL, Industry.FINANCE}) {
            Company company = new Company("株式会社" + industry.name() + UUID.randomUUID().toString().substring(0, 4));
            company.describe(industry, RevenueBand.UNDER_1_BN, EmployeeBand.FROM_50, Prefecture.TOKYO);
            companies.save(company);
            Person person = new Person("検証 " + industry.name(), UUID.randomUUID() + "@example.jp", company.getId());
            person.changeContact(null, "情報システム部", "担当", TitleLevel.STAFF);
            people.save(person);
            leads.open(person.getId(), product, Channel.WEB_FORM, null, null, null);
        }
        return product;
    }

    public long leadIn(long product, String industry) {
        return jdbc.sql("""
                select l.id from lead l join person p on p.id = l.person_id join company c on c.id = p.company_id
                where l.product_id = ? and c.industry = ?""").params(product, industry).query(Long.class).single();
    }

    /** The lead's fit score once the scoring queue has no work left. */
    public int fit(long lead) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (jdbc.sql("select count(*) from scoring_queue").query(Long.class).single() > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return jdbc.sql("select fit_score from lead where id = ?").param(lead).query(Integer.class).single();
    }
}
