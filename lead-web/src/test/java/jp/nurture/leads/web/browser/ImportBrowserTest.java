package jp.nurture.leads.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A marketer, in a real browser, uploads a Shift_JIS exhibition list with a duplicate and a broken row, keeps the
 * guessed column mapping, and watches the progress bar (htmx polling) reach the result with a failed-rows file.
 */
@LeadsWebTest
class ImportBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aMarketerImportsAnExhibitionListAndSeesItsProgressAndResult() throws Exception {
        assumeTrue(Browser.available(), "Chromium and ChromeDriver are installed by .ci/run");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("氏名,会社名,メールアドレス,電話番号,都道府県,来場日\r\n");
        for (int i = 0; i < 300; i++) {
            csv.append("来場 者").append(i).append(",㈱ブラウザ").append(tag).append(i % 20).append(",v").append(i)
                    .append('.').append(tag).append("@example.jp,03-0000-").append(1000 + i).append(",東京,2026/11/20\r\n");
        }
        csv.append("来場 者0,ブラウザ").append(tag).append("0株式会社,V0.").append(tag).append("@EXAMPLE.JP,,東京都,2026/11/20\r\n");
        csv.append("壊れた,行\r\n");
        Path file = Files.createTempFile("visitors-", ".csv");
        Files.write(file, csv.toString().getBytes(Charset.forName("windows-31j")));

        try (Browser browser = Browser.open(port)) {
            browser.signIn("marketer", "demo1234");
            browser.find(By.id("nav-imports")).click();
            browser.find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            new Select(browser.find(By.id("product"))).selectByVisibleText("クラウド会計 Pro");
            browser.find(By.id("sourceName")).sendKeys("ブラウザ展 " + tag);
            browser.find(By.id("sourceDetail")).sendKeys("ブラウザ展 2026");
            // The form is taller than the headless window: submit it rather than click below the fold.
            browser.find(By.id("import-form")).submit();

            assertThat(browser.find(By.id("import-dialect")).getText()).contains("windows-31j");
            assertThat(new Select(browser.find(By.id("column2"))).getFirstSelectedOption().getText())
                    .isEqualTo("メールアドレス");
            browser.screenshot("import-mapping");
            browser.find(By.id("mapping-form")).submit();

            browser.find(By.id("import-bar"));
            browser.screenshot("import-progress");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(
                    ExpectedConditions.textToBe(By.id("import-status"), "完了"));
            assertThat(browser.find(By.id("import-bar")).getText()).isEqualTo("100%");
            assertThat(browser.find(By.id("count-created")).getText()).isEqualTo("300");
            assertThat(browser.find(By.id("count-unchanged")).getText()).isEqualTo("1");
            assertThat(browser.find(By.id("count-failed")).getText()).isEqualTo("1");
            assertThat(browser.find(By.id("import-errors")).getAttribute("href")).endsWith("/errors.csv");
            browser.screenshot("import-done");

            // A reload shows the same result: the state lives in the job, not the page.
            browser.driver().navigate().refresh();
            assertThat(browser.find(By.id("import-status")).getText()).isEqualTo("完了");
        }
        assertThat(jdbc.sql("select count(*) from lead l join person p on p.id = l.person_id where p.email like ?")
                .param("%." + tag + "@example.jp").query(Long.class).single()).isEqualTo(300);
    }
}
