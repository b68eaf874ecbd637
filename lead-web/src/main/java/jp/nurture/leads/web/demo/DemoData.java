package jp.nurture.leads.web.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.Bant;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.Company;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import jp.nurture.leads.core.user.AppUser;
import jp.nurture.leads.core.user.Role;
import jp.nurture.leads.core.user.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a believable demo on first start: three products with different targets, about 300 leads at companies
 * across Japan in every stage and channel, their activities, and one user per role. Runs once per database
 * (an advisory lock and the user count keep a second instance or a restart from seeding again). Deterministic.
 */
@Component
@Conditional(DemoDataWanted.class)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo1234";
    private static final long LOCK_KEY = 0x6c656164_64656d6fL;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private static final String[] COMPANY_STEMS = {"東邦", "北辰", "大和", "三洋", "日の出", "青葉", "桜川", "富士見",
        "光陽", "瑞穂", "常盤", "朝日", "明星", "双葉", "白鷺", "若葉", "錦", "千代田", "清水", "高砂", "中央", "新星",
        "丸の内", "旭", "東洋", "共栄", "昭和", "平和", "協和", "栄光"};
    private static final String[] COMPANY_KINDS = {"精機", "商事", "システムズ", "電子", "工業", "物流", "ホールディングス",
        "ソリューションズ", "建設", "製作所", "フーズ", "メディカル"};
    private static final Industry[] KIND_INDUSTRY = {Industry.MANUFACTURING, Industry.RETAIL, Industry.IT,
        Industry.MANUFACTURING, Industry.MANUFACTURING, Industry.LOGISTICS, Industry.FINANCE, Industry.IT,
        Industry.CONSTRUCTION, Industry.MANUFACTURING, Industry.RETAIL, Industry.MEDICAL};
    private static final String[] FAMILY = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
        "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "髙橋", "森", "池田", "橋本"};
    private static final String[] GIVEN = {"太郎", "花子", "健一", "美咲", "翔太", "陽子", "大輔", "由美", "誠", "恵",
        "拓也", "直子", "修", "彩", "亮", "真理子", "浩二", "舞"};
    private static final String[] DEPARTMENTS = {"情報システム部", "経理部", "財務部", "生産技術部", "製造部", "営業企画部",
        "総務部", "経営企画室", "購買部", "DX推進室"};
    private static final String[][] TITLES = {{"代表取締役", "EXECUTIVE"}, {"取締役", "EXECUTIVE"}, {"部長", "MANAGER"},
        {"課長", "MANAGER"}, {"係長", "STAFF"}, {"主任", "STAFF"}, {"担当", "STAFF"}};
    private static final Prefecture[] PREFECTURES = {Prefecture.TOKYO, Prefecture.TOKYO, Prefecture.KANAGAWA,
        Prefecture.OSAKA, Prefecture.AICHI, Prefecture.MIYAGI, Prefecture.FUKUOKA, Prefecture.SAITAMA,
        Prefecture.SHIZUOKA, Prefecture.HOKKAIDO, Prefecture.HIROSHIMA, Prefecture.KYOTO, Prefecture.CHIBA,
        Prefecture.NIIGATA, Prefecture.GIFU};
    private static final String[][] SOURCES = {{"WEB_FORM", "お問い合わせフォーム"}, {"DOCUMENT_DOWNLOAD", "資料請求: 製品カタログ"},
        {"WHITE_PAPER", "ホワイトペーパー: コスト削減の手引き"}, {"SEMINAR", "セミナー: DX実践講座 2026-10"},
        {"WEBINAR", "ウェビナー 2026-09"}, {"EXHIBITION", "展示会: ITWeek 秋 2026"}, {"AD", "検索広告"},
        {"REFERRAL", "既存顧客からの紹介"}, {"TELE_APPOINTMENT", "テレアポリスト 2026Q3"}};

    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final ProductCatalog catalog;
    private final UserDirectory users;
    private final Companies companies;
    private final People people;
    private final LeadService leads;
    private final ActivityLog activities;
    private final PasswordEncoder passwords;

    DemoData(TransactionTemplate tx, JdbcClient jdbc, ProductCatalog catalog, UserDirectory users, Companies companies,
            People people, LeadService leads, ActivityLog activities, PasswordEncoder passwords) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.users = users;
        this.companies = companies;
        this.people = people;
        this.leads = leads;
        this.activities = activities;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).single();
            // A database that has any user has been set up already, by this seeder or by a person.
            if (jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0) {
                return;
            }
            seed();
        });
    }

    private void seed() {
        long started = System.nanoTime();
        Random random = new Random(20261123L);
        String hash = passwords.encode(PASSWORD);
        List<Product> products = List.of(
                catalog.create("CLOUD-ACC", "クラウド会計 Pro", new TargetDefinition(
                        EnumSet.of(Industry.FINANCE, Industry.SERVICES, Industry.RETAIL), Set.of(),
                        EnumSet.of(EmployeeBand.FROM_50, EmployeeBand.FROM_300), Set.of(), Set.of("経理部", "財務部"),
                        EnumSet.of(TitleLevel.MANAGER, TitleLevel.EXECUTIVE), 3, 3_000_000L,
                        "中堅企業の経理部門。月次決算の早期化を訴求。")),
                catalog.create("FACTORY-IOT", "生産管理 IoT", new TargetDefinition(
                        EnumSet.of(Industry.MANUFACTURING), EnumSet.of(RevenueBand.OVER_100_BN, RevenueBand.FROM_50_BN),
                        EnumSet.of(EmployeeBand.FROM_1000, EmployeeBand.OVER_5000),
                        EnumSet.of(Prefecture.AICHI, Prefecture.SHIZUOKA, Prefecture.GIFU, Prefecture.MIE),
                        Set.of("生産技術部", "製造部"), EnumSet.of(TitleLevel.MANAGER), 12, 50_000_000L,
                        "中部の大手製造業。展示会と工場見学で接点を作る。")),
                catalog.create("SFA-CLOUD", "営業支援 SFA", new TargetDefinition(
                        EnumSet.of(Industry.IT, Industry.SERVICES), Set.of(),
                        EnumSet.of(EmployeeBand.FROM_300, EmployeeBand.FROM_1000), Set.of(), Set.of("営業企画部"),
                        EnumSet.of(TitleLevel.MANAGER, TitleLevel.STAFF), 6, 10_000_000L,
                        "営業組織 30 名以上。ウェビナーからの育成が中心。")));

        users.create("admin", "管理者 一郎", "admin@example.jp", hash, EnumSet.of(Role.ADMIN), Set.of());
        users.create("marketer", "マーケ 花子", "marketer@example.jp", hash, EnumSet.of(Role.MARKETER), Set.of());
        AppUser inside = users.create("inside", "インサイド 健", "inside@example.jp", hash,
                EnumSet.of(Role.INSIDE_SALES), Set.of());
        AppUser field = users.create("field", "フィールド 誠", "field@example.jp", hash, EnumSet.of(Role.FIELD_SALES),
                Set.of());
        users.create("marketer-acc", "会計担当 マーケ 彩", "marketer-acc@example.jp", hash, EnumSet.of(Role.MARKETER),
                Set.of(products.get(0).getId()));

        List<Company> seeded = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int kind = random.nextInt(COMPANY_KINDS.length);
            String stem = COMPANY_STEMS[i % COMPANY_STEMS.length] + COMPANY_KINDS[kind];
            String name = switch (i % 4) {
                case 0 -> "株式会社" + stem;
                case 1 -> stem + "株式会社";
                case 2 -> stem + "株式会社";
                default -> "株式会社" + stem + (i / 30 + 1 > 1 ? " " + (i / 30 + 1) : "");
            };
            Company company = new Company(name + (i >= 30 ? "・" + PREFECTURES[i % PREFECTURES.length].japaneseName().replaceAll("[都府県]$", "") : ""));
            company.describe(KIND_INDUSTRY[kind], RevenueBand.values()[random.nextInt(RevenueBand.values().length)],
                    EmployeeBand.values()[random.nextInt(EmployeeBand.values().length)],
                    PREFECTURES[random.nextInt(PREFECTURES.length)]);
            if (i % 10 == 0) {
                company.becomeCustomer(field.getId());
            }
            seeded.add(companies.save(company));
        }

        Instant now = Instant.now();
        List<NewActivity> behaviour = new ArrayList<>();
        int leadCount = 0;
        for (int i = 0; leadCount < 300; i++) {
            Company company = seeded.get(random.nextInt(seeded.size()));
            String name = FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
            Person person = new Person(name, "user" + i + "@" + "demo" + company.getId() + ".example.jp",
                    company.getId());
            String[] title = TITLES[random.nextInt(TITLES.length)];
            person.changeContact(String.format("03-%04d-%04d", random.nextInt(10000), random.nextInt(10000)),
                    DEPARTMENTS[random.nextInt(DEPARTMENTS.length)], title[0], TitleLevel.valueOf(title[1]));
            people.save(person);
            int interests = random.nextInt(10) < 2 ? 2 : 1;
            for (int k = 0; k < interests && leadCount < 300; k++) {
                Product product = products.get((i + k) % products.size());
                String[] source = SOURCES[random.nextInt(SOURCES.length)];
                Lead lead = leads.open(person.getId(), product.getId(), Channel.valueOf(source[0]), source[1],
                        inside.getId(), null);
                leadCount++;
                behaviour.addAll(behaviourOf(lead, source, random, now));
                advance(lead, random, inside, field);
            }
        }
        activities.recordAll(behaviour);
        log.info("Demo data seeded: {} products, {} leads, {} activities in {} ms", products.size(), leadCount,
                behaviour.size() + leadCount, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private List<NewActivity> behaviourOf(Lead lead, String[] source, Random random, Instant now) {
        List<NewActivity> list = new ArrayList<>();
        Instant first = now.minus(Duration.ofDays(5 + random.nextInt(360)));
        ActivityType entry = switch (Channel.valueOf(source[0])) {
            case SEMINAR, WEBINAR -> ActivityType.SEMINAR_ATTENDED;
            case EXHIBITION -> ActivityType.EXHIBITION_ATTENDED;
            case DOCUMENT_DOWNLOAD, WHITE_PAPER -> ActivityType.DOCUMENT_DOWNLOADED;
            case WEB_FORM -> ActivityType.FORM_SUBMITTED;
            default -> null;
        };
        if (entry != null) {
            list.add(new NewActivity(lead.getId(), lead.getProductId(), entry, first, null, Map.of("source", source[1])));
        }
        int views = random.nextInt(12);
        String[] pages = {"/products/overview", "/pricing", "/case-studies/manufacturing", "/blog/dx-guide",
            "/seminars", "/products/features"};
        for (int v = 0; v < views; v++) {
            Instant at = first.plus(Duration.ofHours(6L + random.nextInt(24 * 60)));
            if (at.isAfter(now)) {
                at = now.minus(Duration.ofMinutes(random.nextInt(600) + 1));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("url", pages[random.nextInt(pages.length)]);
            list.add(new NewActivity(lead.getId(), lead.getProductId(), ActivityType.PAGE_VIEWED, at, null, detail));
        }
        if (random.nextInt(4) == 0) {
            list.add(new NewActivity(lead.getId(), lead.getProductId(), ActivityType.EMAIL_OPENED,
                    now.minus(Duration.ofDays(random.nextInt(30) + 1)), null, Map.of("email", "ニュースレター 11月号")));
        }
        return list;
    }

    /** Spreads the leads across stages the way a real pipeline looks: many new, few converted. */
    private void advance(Lead lead, Random random, AppUser inside, AppUser field) {
        int roll = random.nextInt(100);
        Stage[] path;
        String parkReason = null;
        if (roll < 35) {
            path = new Stage[0];
        } else if (roll < 60) {
            path = new Stage[] {Stage.WORKING_UNTOUCHED};
        } else if (roll < 80) {
            path = new Stage[] {Stage.WORKING_UNTOUCHED, Stage.WORKING_CONNECTED};
        } else if (roll < 90) {
            path = new Stage[] {Stage.WORKING_UNTOUCHED, Stage.WORKING_CONNECTED, Stage.CONVERTED};
        } else if (roll < 96) {
            path = new Stage[] {Stage.WORKING_UNTOUCHED, Stage.DORMANT};
            parkReason = "導入時期が未定のため一旦保留";
        } else {
            path = new Stage[] {Stage.DISQUALIFIED};
            parkReason = "競合製品を導入済み";
        }
        for (Stage stage : path) {
            String reason = stage.isParked() ? parkReason : null;
            // Versions are read afresh: inside this one transaction the entity is flushed only at commit.
            long version = leads.get(lead.getId(), ProductScope.all()).getVersion();
            leads.moveStage(lead.getId(), version, stage, reason, inside.getId(), ProductScope.all());
            Lead current = leads.get(lead.getId(), ProductScope.all());
            if (stage == Stage.WORKING_CONNECTED) {
                current.recordBant(new Bant(random.nextBoolean() ? 1_000_000L * (1 + random.nextInt(30)) : null, null,
                        Authority.values()[random.nextInt(Authority.values().length)], "月次処理の工数削減",
                        Timeframe.values()[random.nextInt(Timeframe.values().length)]));
                current.describeInterest(LocalDate.now().plusMonths(1 + random.nextInt(12)), 10 + random.nextInt(200),
                        "本社");
            }
            if (stage == Stage.CONVERTED) {
                current.assignTo(field.getId());
            }
        }
    }
}
