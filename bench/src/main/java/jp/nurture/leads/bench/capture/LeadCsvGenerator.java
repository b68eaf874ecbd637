package jp.nurture.leads.bench.capture;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a realistic Japanese B2B exhibition visitor list: names, companies spelt with every variant of their
 * legal form, prefectures, industries, titles; about 10% of rows are the same person again (other spelling of
 * the company, full-width or upper-case address) and about 1% are broken (bad address, impossible date,
 * phone that is not one, no way to identify the person). Same seed, same file.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am exec:java -Dbench.main=jp.nurture.leads.bench.capture.LeadCsvGenerator
 * -Dexec.args="visitors.csv 1000000 windows-31j"}
 */
public final class LeadCsvGenerator {

    static final String HEADER = "氏名,フリガナ,会社名,部署,役職,メールアドレス,電話番号,都道府県,業種,来場日,導入予定,利用人数";

    private static final String[] SURNAMES = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
        "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "髙橋", "長谷川", "石川", "前田"};
    private static final String[] SURNAME_KANA = {"サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト",
        "ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト", "イノウエ", "キムラ", "ハヤシ",
        "サイトウ", "シミズ", "タカハシ", "ハセガワ", "イシカワ", "マエダ"};
    private static final String[] GIVEN = {"太郎", "花子", "一郎", "美咲", "健太", "陽子", "大輔", "由美", "翔", "彩",
        "誠", "恵", "拓也", "麻衣", "直樹", "優子"};
    private static final String[] GIVEN_KANA = {"タロウ", "ハナコ", "イチロウ", "ミサキ", "ケンタ", "ヨウコ", "ダイスケ",
        "ユミ", "ショウ", "アヤ", "マコト", "メグミ", "タクヤ", "マイ", "ナオキ", "ユウコ"};
    private static final String[] COMPANY_WORDS = {"東都", "日本", "関東", "中部", "北斗", "大和", "朝日", "富士", "みらい",
        "さくら", "青葉", "光", "協和", "昭和", "平成", "太陽", "中央", "第一", "新日本", "西日本"};
    private static final String[] COMPANY_KINDS = {"商事", "工業", "製作所", "システム", "ソリューションズ", "物産", "電機",
        "建設", "運輸", "テクノロジー", "情報サービス", "化学"};
    private static final String[] INDUSTRIES = {"情報通信業", "製造業", "小売業", "金融業", "建設業", "運輸業", "医療", "サービス業"};
    private static final String[] DEPARTMENTS = {"情報システム部", "経理部", "総務部", "営業部", "製造部", "経営企画室", "人事部"};
    private static final String[] TITLES = {"部長", "課長", "主任", "担当", "代表取締役", "係長", "マネージャー", ""};
    private static final String[] PREFECTURES = {"東京都", "神奈川", "大阪府", "愛知県", "北海道", "福岡", "宮城県", "埼玉県",
        "千葉県", "兵庫県", "京都府", "静岡", "広島県", "新潟県", "13", "Tokyo"};

    private LeadCsvGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "visitors.csv");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        Charset charset = args.length > 2 ? Charset.forName(args[2]) : StandardCharsets.UTF_8;
        Stats stats = write(file, rows, charset, 1, 0);
        System.out.printf("%s: %,d rows (%,d duplicates, %,d broken), %s, %,d bytes%n", file, rows, stats.duplicates,
                stats.broken, charset, Files.size(file));
    }

    /** What a generated file holds. */
    record Stats(long rows, long duplicates, long broken) {
    }

    /** Writes {@code rows} rows; {@code firstPerson} offsets the people so two files can hold different ones. */
    static Stats write(Path file, long rows, Charset charset, long seed, long firstPerson) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long duplicates = 0;
        long broken = 0;
        long people = 0;
        try (OutputStream out = Files.newOutputStream(file);
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, charset), 1 << 16)) {
            if (charset.equals(StandardCharsets.UTF_8)) {
                w.write('\uFEFF');
            }
            w.write(HEADER);
            w.write("\r\n");
            StringBuilder line = new StringBuilder(256);
            for (long i = 0; i < rows; i++) {
                line.setLength(0);
                long person;
                boolean again = people > 0 && random.nextInt(10) == 0;
                if (again) {
                    person = firstPerson + random.nextLong(people);
                    duplicates++;
                } else {
                    person = firstPerson + people++;
                }
                int fault = random.nextInt(100) == 0 ? 1 + random.nextInt(4) : 0;
                if (fault > 0) {
                    broken++;
                }
                row(line, person, again, fault, random);
                w.append(line).append("\r\n");
            }
        }
        return new Stats(rows, duplicates, broken);
    }

    private static void row(StringBuilder line, long person, boolean again, int fault, SplittableRandom random) {
        // Everything about a person derives from their number, so a repeated person is the same person.
        SplittableRandom p = new SplittableRandom(person * 0x9E3779B97F4A7C15L);
        int s = p.nextInt(SURNAMES.length);
        int g = p.nextInt(GIVEN.length);
        long companyNo = person / 8;
        SplittableRandom c = new SplittableRandom(companyNo * 0xBF58476D1CE4E5B9L);
        String company = COMPANY_WORDS[c.nextInt(COMPANY_WORDS.length)] + COMPANY_KINDS[c.nextInt(COMPANY_KINDS.length)]
                + companyNo;
        String companyName = switch (random.nextInt(5)) {
            case 0 -> "株式会社" + company;
            case 1 -> company + "株式会社";
            case 2 -> "㈱" + company;
            case 3 -> "(株)" + company;
            default -> "株式会社　" + company;
        };
        String email = "user" + person + "@" + "corp" + companyNo + ".example.jp";
        if (again && random.nextBoolean()) {
            email = random.nextBoolean() ? email.toUpperCase() : toFullWidth(email);
        }
        String phone = "0" + (3 + c.nextInt(6)) + "-" + (1000 + c.nextInt(9000)) + "-" + (1000 + p.nextInt(9000));
        String date = "2026/11/" + (18 + p.nextInt(3));
        String name = SURNAMES[s] + (again ? "　" : " ") + GIVEN[g];
        switch (fault) {
            case 1 -> email = "user" + person + "@";
            case 2 -> date = "2026/13/" + (32 + p.nextInt(9));
            case 3 -> phone = "電話なし";
            case 4 -> {
                name = "";
                email = "";
            }
            default -> {
            }
        }
        field(line, name).append(',');
        field(line, SURNAME_KANA[s] + " " + GIVEN_KANA[g]).append(',');
        field(line, companyName).append(',');
        field(line, DEPARTMENTS[p.nextInt(DEPARTMENTS.length)]).append(',');
        field(line, TITLES[p.nextInt(TITLES.length)]).append(',');
        field(line, email).append(',');
        field(line, phone).append(',');
        field(line, PREFECTURES[c.nextInt(PREFECTURES.length)]).append(',');
        field(line, INDUSTRIES[c.nextInt(INDUSTRIES.length)]).append(',');
        field(line, date).append(',');
        field(line, p.nextInt(3) == 0 ? "2027年" + (1 + p.nextInt(12)) + "月1日" : "").append(',');
        field(line, p.nextInt(2) == 0 ? String.valueOf(10 + p.nextInt(500)) : "");
    }

    private static StringBuilder field(StringBuilder line, String value) {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
            return line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        return line.append(value);
    }

    private static String toFullWidth(String ascii) {
        StringBuilder out = new StringBuilder(ascii.length());
        for (char ch : ascii.toCharArray()) {
            out.append(ch > 0x20 && ch < 0x7F ? (char) (ch - 0x21 + 0xFF01) : ch);
        }
        return out.toString();
    }
}
