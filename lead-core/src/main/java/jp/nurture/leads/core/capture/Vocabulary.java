package jp.nurture.leads.core.capture;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.JapaneseText;
import jp.nurture.leads.core.party.TitleLevel;

/** How people write channels, industries, titles and dates in the files they bring, read into our values. */
final class Vocabulary {

    // 2026-11-23, 2026/11/23, 2026.11.23 (Excel), 2026年11月23日, each optionally followed by a time.
    private static final Pattern C_LEVEL = Pattern.compile(".*\\bc[eitfo]o\\b.*");
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

    private Vocabulary() {
    }

    static Optional<LocalDateTime> dateTime(String text) {
        String value = JapaneseText.clean(JapaneseText.normalizeWidth(text));
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return Optional.of(date.atTime(time));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A channel named by its code, its Japanese name or the words web analytics exports use. */
    static Channel channel(String text, Channel fallback) {
        String value = JapaneseText.clean(JapaneseText.normalizeWidth(text));
        if (value == null) {
            return fallback;
        }
        String v = value.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
        for (Channel c : Channel.values()) {
            if (c.name().replace('_', ' ').equalsIgnoreCase(v)) {
                return c;
            }
        }
        if (v.contains("展示会") || v.contains("exhibition") || v.contains("expo") || v.contains("event")) {
            return Channel.EXHIBITION;
        }
        if (v.contains("ウェビナー") || v.contains("webinar")) {
            return Channel.WEBINAR;
        }
        if (v.contains("セミナー") || v.contains("seminar")) {
            return Channel.SEMINAR;
        }
        if (v.contains("資料") || v.contains("download")) {
            return Channel.DOCUMENT_DOWNLOAD;
        }
        if (v.contains("ホワイトペーパー") || v.contains("white paper")) {
            return Channel.WHITE_PAPER;
        }
        if (v.contains("問い合わせ") || v.contains("問合せ") || v.contains("inquiry")) {
            return Channel.INQUIRY;
        }
        if (v.contains("paid") || v.contains("display") || v.contains("広告") || v.equals("ads")) {
            return Channel.AD;
        }
        if (v.contains("social") || v.equals("sns")) {
            return Channel.SNS;
        }
        if (v.contains("organic") || v.contains("seo") || v.contains("オウンド")) {
            return Channel.OWNED_MEDIA;
        }
        if (v.contains("email") || v.contains("メール")) {
            return Channel.EMAIL;
        }
        if (v.contains("referral") || v.contains("紹介")) {
            return Channel.REFERRAL;
        }
        if (v.contains("direct mail") || v.equals("dm")) {
            return Channel.DIRECT_MAIL;
        }
        if (v.contains("テレアポ") || v.contains("tele")) {
            return Channel.TELE_APPOINTMENT;
        }
        return Channel.OTHER;
    }

    static Industry industry(String text) {
        String value = JapaneseText.clean(JapaneseText.normalizeWidth(text));
        if (value == null) {
            return null;
        }
        for (Industry i : Industry.values()) {
            if (i.name().equalsIgnoreCase(value)) {
                return i;
            }
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.contains("情報") || v.contains("通信") || v.contains("ソフトウェア") || v.contains("software")
                || v.contains("it")) {
            return Industry.IT;
        }
        if (v.contains("製造") || v.contains("メーカー") || v.contains("manufactur")) {
            return Industry.MANUFACTURING;
        }
        if (v.contains("小売") || v.contains("retail")) {
            return Industry.RETAIL;
        }
        if (v.contains("金融") || v.contains("銀行") || v.contains("保険") || v.contains("financ")) {
            return Industry.FINANCE;
        }
        if (v.contains("建設") || v.contains("construction")) {
            return Industry.CONSTRUCTION;
        }
        if (v.contains("物流") || v.contains("運輸") || v.contains("logistic")) {
            return Industry.LOGISTICS;
        }
        if (v.contains("医療") || v.contains("病院") || v.contains("medical")) {
            return Industry.MEDICAL;
        }
        if (v.contains("官公庁") || v.contains("自治体") || v.contains("public")) {
            return Industry.PUBLIC_SECTOR;
        }
        if (v.contains("サービス") || v.contains("service")) {
            return Industry.SERVICES;
        }
        return Industry.OTHER;
    }

    static TitleLevel titleLevel(String jobTitle) {
        String value = JapaneseText.clean(JapaneseText.normalizeWidth(jobTitle));
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.contains("社長") || v.contains("取締役") || v.contains("役員") || v.contains("会長") || v.contains("代表")
                || v.contains("執行") || C_LEVEL.matcher(v).matches() || v.contains("president")
                || v.contains("director")) {
            return TitleLevel.EXECUTIVE;
        }
        if (v.contains("部長") || v.contains("課長") || v.contains("室長") || v.contains("所長") || v.contains("マネージャー")
                || v.contains("マネジャー") || v.contains("manager") || v.contains("係長") || v.contains("リーダー")
                || v.contains("head")) {
            return TitleLevel.MANAGER;
        }
        return TitleLevel.STAFF;
    }
}
