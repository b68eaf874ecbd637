package jp.nurture.leads.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consent per product × email type and the global suppression list, on a real PostgreSQL. */
@SpringBootTest
class ConsentsTest {

    @Autowired Consents consents;
    @Autowired EmailTypes emailTypes;
    @Autowired ProductCatalog catalog;
    @Autowired People people;
    @Autowired LeadService leads;
    @Autowired JdbcClient jdbc;

    Product cloud;
    Product factory;
    EmailType cloudNews;
    EmailType cloudSeminar;
    EmailType factoryNews;
    Person person;

    @BeforeEach
    void data() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        cloud = catalog.create("C" + tag, "クラウド会計", TargetDefinition.any());
        factory = catalog.create("F" + tag, "生産管理", TargetDefinition.any());
        emailTypes.addStarterTypes(cloud.getId());
        cloudNews = type(cloud, "NEWSLETTER");
        cloudSeminar = type(cloud, "SEMINAR");
        factoryNews = emailTypes.add(factory.getId(), "newsletter", "ニュース", "News");
        person = people.save(new Person("佐藤 花子" + tag, "Hanako." + tag + "@Example.jp", null));
    }

    @Test
    void anOptInAllowsThatTypeOfThatProductOnly() {
        assertThat(consents.mayReceive(person.getId(), cloudNews.id())).isFalse();

        assertThat(consents.grant(person.getId(), cloudNews.id(), ConsentBasis.OPT_IN, "form:1 資料請求")).isTrue();

        assertThat(consents.mayReceive(person.getId(), cloudNews.id())).isTrue();
        assertThat(consents.mayReceive(person.getId(), cloudSeminar.id())).isFalse();
        assertThat(consents.mayReceive(person.getId(), factoryNews.id())).isFalse();
        ConsentState state = consents.ofPerson(person.getId()).get(0);
        assertThat(state.emailType().code()).isEqualTo("NEWSLETTER");
        assertThat(state.basis()).isEqualTo(ConsentBasis.OPT_IN);
        assertThat(state.source()).isEqualTo("form:1 資料請求");
        assertThat(state.recordedAt()).isNotNull();
    }

    @Test
    void withdrawingOneTypeLeavesTheOthersAndIsKeptInTheHistory() {
        consents.grant(person.getId(), cloudNews.id(), ConsentBasis.OPT_IN, "form");
        consents.grant(person.getId(), cloudSeminar.id(), ConsentBasis.OPT_IN, "form");

        assertThat(consents.withdraw(person.getId(), cloudNews.id(), "preference page")).isTrue();
        assertThat(consents.withdraw(person.getId(), cloudNews.id(), "preference page")).isFalse();

        assertThat(consents.mayReceive(person.getId(), cloudNews.id())).isFalse();
        assertThat(consents.mayReceive(person.getId(), cloudSeminar.id())).isTrue();
        assertThat(jdbc.sql("select status from consent_history where person_id = ? and email_type_id = ? order by id")
                .params(person.getId(), cloudNews.id()).query(String.class).list())
                .containsExactly("GRANTED", "WITHDRAWN");
    }

    @Test
    void aBusinessCardNeverOverridesAWithdrawalButAnOptInDoes() {
        consents.withdraw(person.getId(), cloudNews.id(), "unsubscribe link");

        assertThat(consents.grant(person.getId(), cloudNews.id(), ConsentBasis.BUSINESS_CARD, "import:7")).isFalse();
        assertThat(consents.mayReceive(person.getId(), cloudNews.id())).isFalse();

        assertThat(consents.grant(person.getId(), cloudNews.id(), ConsentBasis.OPT_IN, "form:2")).isTrue();
        assertThat(consents.mayReceive(person.getId(), cloudNews.id())).isTrue();
    }

    @Test
    void aBusinessCardDoesNotReplaceAnOptInOnRecord() {
        consents.grant(person.getId(), cloudNews.id(), ConsentBasis.OPT_IN, "form:1");

        consents.grantAll(List.of(person.getId()), cloudNews.id(), ConsentBasis.BUSINESS_CARD, "import:8");

        assertThat(consents.ofPerson(person.getId()).get(0).basis()).isEqualTo(ConsentBasis.OPT_IN);
    }

    @Test
    void aGlobalOptOutBlocksEveryTypeEvenAfterANewOptIn() {
        consents.grant(person.getId(), cloudNews.id(), ConsentBasis.OPT_IN, "form");
        consents.grant(person.getId(), factoryNews.id(), ConsentBasis.OPT_IN, "form");

        consents.optOutEverywhere(person.getId(), "preference page");

        assertThat(consents.isSuppressed(" ＨＡＮＡＫＯ." + person.getEmail().substring(7).toUpperCase())).isTrue();
        consents.grant(person.getId(), cloudNews.id(), ConsentBasis.OPT_IN, "form again");
        assertThat(consents.mayReceive(person.getId(), cloudNews.id())).isFalse();
        assertThat(consents.mayReceive(person.getId(), factoryNews.id())).isFalse();
    }

    @Test
    void theSuppressionOutlivesThePerson() {
        String email = person.getEmail();
        consents.suppress(email, SuppressionReason.ERASURE, "erasure request 12");
        jdbc.sql("delete from person where id = ?").param(person.getId()).update();

        assertThat(consents.isSuppressed(email)).isTrue();
        assertThat(jdbc.sql("select count(*) from email_suppression where source like '%' || ? || '%'")
                .param(email).query(Integer.class).single()).isZero();
    }

    @Test
    void grantingAndWithdrawingShowOnTheLeadOfThatProduct() {
        var lead = leads.open(person.getId(), cloud.getId(), Channel.WEB_FORM, "資料請求", null, null);

        consents.grant(person.getId(), cloudNews.id(), ConsentBasis.OPT_IN, "form:3");
        consents.withdraw(person.getId(), cloudNews.id(), "unsubscribe");

        assertThat(jdbc.sql("select type from activity where lead_id = ? and type like 'CONSENT%' order by id")
                .param(lead.getId()).query(String.class).list())
                .containsExactly(ActivityType.CONSENT_GIVEN.name(), ActivityType.CONSENT_WITHDRAWN.name());
    }

    @Test
    void emailTypeCodesAreUniquePerProductAndChecked() {
        assertThatThrownBy(() -> emailTypes.add(cloud.getId(), "NEWSLETTER", "重複", "Duplicate"))
                .isInstanceOf(DuplicateEmailType.class);
        assertThatThrownBy(() -> emailTypes.add(cloud.getId(), "bad code!", "名前", "Name"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(emailTypes.ofProduct(cloud.getId())).extracting(EmailType::code)
                .containsExactly("NEWSLETTER", "SEMINAR", "CASE_STUDY", "FOLLOW_UP");
    }

    private EmailType type(Product product, String code) {
        return emailTypes.ofProduct(product.getId()).stream().filter(t -> t.code().equals(code)).findFirst()
                .orElseThrow();
    }
}
