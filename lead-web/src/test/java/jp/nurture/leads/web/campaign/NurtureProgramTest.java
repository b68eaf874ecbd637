package jp.nurture.leads.web.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jp.nurture.leads.core.campaign.EmailOutbox;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.campaign.NurtureEntry;
import jp.nurture.leads.core.campaign.NurturePosition;
import jp.nurture.leads.core.campaign.NurturePrograms;
import jp.nurture.leads.core.campaign.NurtureRunner;
import jp.nurture.leads.core.campaign.NurtureStepKind;
import jp.nurture.leads.core.product.ProductScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A two-step program on a clock the test moves: everyone gets the first email; three days later those who opened
 * it get the second, the others leave the program. Two runners side by side send nothing twice.
 */
class NurtureProgramTest extends MailTestSupport {

    static final ProductScope ALL = ProductScope.all();

    @Autowired NurturePrograms programs;
    @Autowired NurtureRunner runner;
    @Autowired EmailTemplates templates;
    @Autowired EmailOutbox outbox;
    @Autowired MockMvc mvc;

    @Test
    void openersGetTheSecondEmailAfterTheWaitOthersLeave() throws Exception {
        long product = jdbc.sql("select id from product where code = 'FACTORY-IOT'").query(Long.class).single();
        long type = emailType("FACTORY-IOT", "CASE_STUDY");
        long first = templates.create(product, type, "1通目", "導入事例のご紹介", "<p>{{name}} 様</p>", "{{name}} 様", ALL);
        long second = templates.create(product, type, "2通目", "続きの事例", "<p>{{name}} 様 続き</p>", "{{name}} 様 続き",
                ALL);
        long program = programs.create(product, "事例ナーチャー", NurtureEntry.FORM_SUBMITTED, null, null, ALL);
        programs.addStep(program, NurtureStepKind.SEND_EMAIL, Map.of("templateId", first), ALL);
        programs.addStep(program, NurtureStepKind.WAIT, Map.of("days", 3), ALL);
        programs.addStep(program, NurtureStepKind.BRANCH,
                Map.of("condition", "OPENED", "step", 0, "then", 3, "else", 5), ALL);
        programs.addStep(program, NurtureStepKind.SEND_EMAIL, Map.of("templateId", second), ALL);
        programs.addStep(program, NurtureStepKind.STOP, Map.of(), ALL);
        programs.addStep(program, NurtureStepKind.STOP, Map.of(), ALL);
        programs.activate(program, true, ALL);

        long opener = person("開封する人", "nurture.opener@example.jp", "FACTORY-IOT").get(0);
        long other = person("開封しない人", "nurture.other@example.jp", "FACTORY-IOT").get(0);
        optIn(opener, "FACTORY-IOT", "CASE_STUDY");
        optIn(other, "FACTORY-IOT", "CASE_STUDY");
        programs.enroll(program, List.of(opener, other), ALL);

        // Two instances at once: each step runs once.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> twice = List.of(runner::run, runner::run);
        pool.invokeAll(twice);
        pool.invokeAll(List.of(outbox::deliverDue, outbox::deliverDue));
        pool.shutdown();
        assertThat(to("nurture.opener@example.jp")).hasSize(1);
        assertThat(to("nurture.other@example.jp")).hasSize(1);
        assertThat(positions(program)).containsEntry(opener, "ACTIVE@2").containsEntry(other, "ACTIVE@2");

        String html = part(to("nurture.opener@example.jp").get(0), "text/html");
        mvc.perform(get(links(html, 'o').get(0)).header("User-Agent", CampaignEmailTest.BROWSER))
                .andExpect(status().isOk());

        // Two days on: still waiting.
        clock.advance(Duration.ofDays(2));
        runner.run();
        outbox.deliverDue();
        assertThat(to("nurture.opener@example.jp")).hasSize(1);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        runner.run();
        outbox.deliverDue();
        assertThat(to("nurture.opener@example.jp")).extracting(m -> m.getSubject())
                .containsExactlyInAnyOrder("導入事例のご紹介", "続きの事例");
        assertThat(to("nurture.other@example.jp")).hasSize(1);
        assertThat(positions(program)).containsEntry(opener, "DONE@4").containsEntry(other, "DONE@5");

        // Running again changes nothing.
        runner.run();
        outbox.deliverDue();
        assertThat(to("nurture.opener@example.jp")).hasSize(2);
    }

    @Test
    void aNotifyOwnerStepMailsTheOwnerOnceNamingTheLead() throws Exception {
        long product = jdbc.sql("select id from product where code = 'SFA-CLOUD'").query(Long.class).single();
        long owner = jdbc.sql("""
                insert into app_user (username, display_name, email, password_hash)
                values ('nurture-owner', '通知 受取', 'nurture.owner@example.jp', '{noop}x') returning id""")
                .query(Long.class).single();
        try {
            long program = programs.create(product, "担当者通知", NurtureEntry.FORM_SUBMITTED, null, null, ALL);
            programs.addStep(program, NurtureStepKind.NOTIFY_OWNER, Map.of(), ALL);
            programs.addStep(program, NurtureStepKind.WAIT, Map.of("days", 1), ALL);
            programs.activate(program, true, ALL);
            long owned = person("通知対象 一郎", "notify.owned@example.jp", "SFA-CLOUD").get(0);
            long ownerless = person("担当なし 二郎", "notify.ownerless@example.jp", "SFA-CLOUD").get(0);
            jdbc.sql("update lead set owner_id = ? where id = ?").params(owner, owned).update();
            programs.enroll(program, List.of(owned, ownerless), ALL);

            // Two instances at once, then again later: the step runs once, so one e-mail.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            pool.invokeAll(List.<Callable<Integer>>of(runner::run, runner::run));
            pool.shutdown();
            clock.advance(Duration.ofDays(2));
            runner.run();

            List<jakarta.mail.internet.MimeMessage> mails = to("nurture.owner@example.jp");
            assertThat(mails).hasSize(1);
            assertThat(mails.get(0).getSubject()).contains("通知対象 一郎").contains("担当者通知");
            assertThat((String) mails.get(0).getContent()).contains("通知対象 一郎").contains("/leads/" + owned);
            assertThat(notes(owned)).containsExactly("ナーチャープログラム「担当者通知」: 担当者 通知 受取 にメールで通知");
            assertThat(notes(ownerless)).singleElement().asString().contains("担当者が未設定");
            assertThat(positions(program)).containsEntry(owned, "DONE@2").containsEntry(ownerless, "DONE@2");
        } finally {
            jdbc.sql("update lead set owner_id = null where owner_id = ?").param(owner).update();
            jdbc.sql("delete from app_user where id = ?").param(owner).update();
        }
    }

    private List<String> notes(long lead) {
        return jdbc.sql("select detail ->> 'note' from activity where lead_id = ? and type = 'NOTE' order by id")
                .param(lead).query(String.class).list();
    }

    @Test
    void aLeadWhoOptsOutOrConvertsLeavesTheProgram() {
        long product = jdbc.sql("select id from product where code = 'FACTORY-IOT'").query(Long.class).single();
        long type = emailType("FACTORY-IOT", "SEMINAR");
        long template = templates.create(product, type, "案内", "セミナー案内", "<p>案内</p>", "案内", ALL);
        long program = programs.create(product, "退出テスト", NurtureEntry.FORM_SUBMITTED, null, null, ALL);
        programs.addStep(program, NurtureStepKind.SEND_EMAIL, Map.of("templateId", template), ALL);
        programs.activate(program, true, ALL);
        long optedOut = person("停止済み", "nurture.optout@example.jp", "FACTORY-IOT").get(0);
        long hot = person("ホット", "nurture.hot@example.jp", "FACTORY-IOT").get(0);
        optIn(optedOut, "FACTORY-IOT", "SEMINAR");
        optIn(hot, "FACTORY-IOT", "SEMINAR");
        consents.withdraw(personOf(optedOut), type, "test");
        jdbc.sql("update lead set stage = 'CONVERTED' where id = ?").param(hot).update();
        programs.enroll(program, List.of(optedOut, hot), ALL);
        runner.run();
        assertThat(programs.positions(program, 10, ALL)).extracting(NurturePosition::exitReason)
                .containsExactlyInAnyOrder("OPTED_OUT", "CONVERTED");
    }

    private Map<Long, String> positions(long program) {
        Map<Long, String> out = new java.util.HashMap<>();
        for (NurturePosition p : programs.positions(program, 100, ALL)) {
            out.put(p.leadId(), p.status() + "@" + p.position());
        }
        return out;
    }
}
