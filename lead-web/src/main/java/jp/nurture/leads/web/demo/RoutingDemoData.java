package jp.nurture.leads.web.demo;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.nurture.leads.core.party.Area;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.user.AppUser;
import jp.nurture.leads.core.user.Role;
import jp.nurture.leads.core.user.UserDirectory;
import jp.nurture.leads.routing.HandOffView;
import jp.nurture.leads.routing.HandOffs;
import jp.nurture.leads.routing.RoutingService;
import jp.nurture.leads.routing.RoutingSettings;
import jp.nurture.leads.routing.RoutingSetup;
import jp.nurture.leads.routing.Strategy;
import jp.nurture.leads.routing.TargetKind;
import jp.nurture.leads.routing.TeamCut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the sales organisation of the demo once the leads are there: field-sales people in area and solution
 * teams, areas from the prefectures' regions, routing rules for the three products, and routes the demo's
 * converted leads so some hand-offs are in flight. Runs when the application is ready (after {@link DemoData}),
 * once per database.
 */
@Component
@Conditional(DemoDataWanted.class)
class RoutingDemoData {

    private static final long LOCK_KEY = 0x726f7574_64656d6fL;
    private static final Logger log = LoggerFactory.getLogger(RoutingDemoData.class);

    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final RoutingSetup setup;
    private final RoutingService routing;
    private final HandOffs handOffs;
    private final PasswordEncoder passwords;

    RoutingDemoData(TransactionTemplate tx, JdbcClient jdbc, UserDirectory users, RoutingSetup setup,
            RoutingService routing, HandOffs handOffs, PasswordEncoder passwords) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.users = users;
        this.setup = setup;
        this.routing = routing;
        this.handOffs = handOffs;
        this.passwords = passwords;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        Boolean seeded = tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).single();
            boolean demo = jdbc.sql("select count(*) from app_user where username = 'field'").query(Long.class).single() > 0;
            boolean done = jdbc.sql("select count(*) from sales_team").query(Long.class).single() > 0;
            if (!demo || done) {
                return false;
            }
            organise();
            return true;
        });
        if (Boolean.TRUE.equals(seeded)) {
            int routed = routing.retryFailures(true);
            List<HandOffView> open = handOffs.inFlight(jp.nurture.leads.core.product.ProductScope.all());
            // A couple already accepted, so the queue shows both states.
            open.stream().limit(2).forEach(h -> handOffs.accept(h.id(), h.ownerId()));
            log.info("Routing demo seeded: teams, areas, rules; {} converted demo leads routed", routed);
        }
    }

    private void organise() {
        String hash = passwords.encode(DemoData.PASSWORD);
        AppUser field = users.byUsername("field");
        AppUser head = fieldUser("field-lead", "営業部長 大輔", hash);
        AppUser tohoku = fieldUser("field-tohoku", "東北営業 一郎", hash);
        AppUser kanto = fieldUser("field-kanto", "関東営業 花子", hash);
        AppUser kanto2 = fieldUser("field-kanto2", "関東営業 翔太", hash);
        AppUser chubu = fieldUser("field-chubu", "中部営業 陽子", hash);
        AppUser kinki = fieldUser("field-kinki", "近畿営業 誠", hash);

        long north = area("北海道・東北", Area.HOKKAIDO, Area.TOHOKU);
        long kantoArea = area("関東", Area.KANTO);
        long chubuArea = area("中部", Area.CHUBU);
        long west = area("近畿・西日本", Area.KINKI, Area.CHUGOKU, Area.SHIKOKU, Area.KYUSHU_OKINAWA);

        long east = setup.createTeam("東日本チーム", TeamCut.AREA, head.getId());
        setup.putMember(east, tohoku.getId(), 8);
        setup.putMember(east, kanto.getId(), 12);
        setup.putMember(east, kanto2.getId(), 8);
        long westTeam = setup.createTeam("西日本チーム", TeamCut.AREA, head.getId());
        setup.putMember(westTeam, chubu.getId(), 10);
        setup.putMember(westTeam, kinki.getId(), 10);
        long factory = setup.createTeam("製造業ソリューション", TeamCut.SOLUTION, head.getId());
        setup.putMember(factory, chubu.getId(), 6);
        setup.putMember(factory, head.getId(), 3);
        long accounts = setup.createTeam("アカウント営業", TeamCut.ACCOUNT, head.getId());
        setup.putMember(accounts, field.getId(), 30);

        Map<String, Long> products = jdbc.sql("select code, id from product").query((rs, n) -> Map.entry(
                rs.getString(1), rs.getLong(2))).list().stream().collect(Collectors.toMap(Map.Entry::getKey,
                Map.Entry::getValue));
        List<String> reasons = List.of("決裁者に繋がっていない", "予算が未確定", "導入時期が先", "ニーズが合わない", "重複・既に商談中");

        long acc = products.get("CLOUD-ACC");
        setup.saveSettings(new RoutingSettings(acc, true, false, field.getId(), 2, false, reasons));
        rule(acc, "東北エリア", north, Set.of(), TargetKind.PERSON, tohoku.getId(), null, null);
        rule(acc, "関東エリア", kantoArea, Set.of(), TargetKind.TEAM, null, east, Strategy.ROUND_ROBIN);
        rule(acc, "中部エリア", chubuArea, Set.of(), TargetKind.TEAM, null, westTeam, Strategy.LEAST_LOADED);
        rule(acc, "西日本エリア", west, Set.of(), TargetKind.TEAM, null, westTeam, Strategy.ROUND_ROBIN);

        long iot = products.get("FACTORY-IOT");
        setup.saveSettings(new RoutingSettings(iot, true, false, head.getId(), 2, true, reasons));
        rule(iot, "製造業(中部)", chubuArea, Set.of(Industry.MANUFACTURING.name()), TargetKind.TEAM, null, factory,
                Strategy.CAPACITY_WEIGHTED);
        rule(iot, "東日本", north, Set.of(), TargetKind.PERSON, tohoku.getId(), null, null);
        rule(iot, "関東", kantoArea, Set.of(), TargetKind.TEAM, null, east, Strategy.CAPACITY_WEIGHTED);
        rule(iot, "その他の地域", null, Set.of(), TargetKind.TEAM, null, westTeam, Strategy.LEAST_LOADED);

        long sfa = products.get("SFA-CLOUD");
        setup.saveSettings(new RoutingSettings(sfa, true, true, kanto.getId(), 3, false, reasons));
        rule(sfa, "関東エリア", kantoArea, Set.of(), TargetKind.TEAM, null, east, Strategy.CAPACITY_WEIGHTED);
        rule(sfa, "東北エリア", north, Set.of(), TargetKind.PERSON, tohoku.getId(), null, null);
        rule(sfa, "その他の地域", null, Set.of(), TargetKind.TEAM, null, westTeam, Strategy.ROUND_ROBIN);
    }

    private AppUser fieldUser(String username, String name, String hash) {
        return users.create(username, name, username + "@example.jp", hash, EnumSet.of(Role.FIELD_SALES), Set.of());
    }

    private long area(String name, Area... areas) {
        Set<Area> wanted = EnumSet.copyOf(Arrays.asList(areas));
        return setup.createArea(name, Arrays.stream(Prefecture.values()).filter(p -> wanted.contains(p.area()))
                .map(Enum::name).toList());
    }

    private void rule(long product, String name, Long area, Set<String> industries, TargetKind kind, Long user,
            Long team, Strategy strategy) {
        setup.addRule(new RoutingSetup.NewRule(product, name, area, industries, Set.of(), Set.of(), null, null, null,
                kind, user, team, strategy));
    }
}
