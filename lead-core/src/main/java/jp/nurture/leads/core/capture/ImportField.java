package jp.nurture.leads.core.capture;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.nurture.leads.core.party.JapaneseText;

/** A lead field an import column can fill; custom fields are addressed as {@code custom:<key>}. */
public enum ImportField {
    EMAIL("email", "e-mail", "mail", "メール", "メールアドレス", "eメール"),
    EXTERNAL_ID("external id", "externalid", "id", "mql_id", "来場者id", "来場者番号", "受付番号", "顧客id"),
    FULL_NAME("name", "full name", "氏名", "お名前", "名前", "担当者名"),
    LAST_NAME("last name", "姓"),
    FIRST_NAME("first name", "名"),
    KANA("kana", "フリガナ", "ふりがな", "氏名カナ", "カナ"),
    COMPANY("company", "company name", "会社名", "企業名", "勤務先", "法人名"),
    DEPARTMENT("department", "部署", "部署名", "所属"),
    JOB_TITLE("title", "job title", "役職", "役職名"),
    PHONE("phone", "tel", "telephone", "電話", "電話番号"),
    PREFECTURE("prefecture", "都道府県", "所在地"),
    INDUSTRY("industry", "業種", "business segment"),
    OCCURRED_AT("date", "visited", "first_contact_date", "来場日", "参加日", "受講日", "日付", "won_date"),
    CHANNEL("channel", "origin", "チャネル", "流入元"),
    SOURCE_DETAIL("source", "source detail", "キャンペーン", "イベント名"),
    PLANNED_ADOPTION_DATE("planned adoption", "導入予定", "導入予定日", "導入時期"),
    EXPECTED_USERS("expected users", "利用人数", "利用予定人数");

    private final List<String> headerNames;

    ImportField(String... headerNames) {
        this.headerNames = List.of(headerNames);
    }

    /** The key stored in a mapping. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field a column header most likely means, recognised in Japanese or English. */
    public static Optional<ImportField> guess(String header) {
        String value = JapaneseText.clean(JapaneseText.normalizeWidth(header));
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.toLowerCase(Locale.ROOT).replace('_', ' ');
        String raw = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.headerNames.contains(raw) || f.headerNames.contains(wanted)
                        || f.key().replace('_', ' ').equals(wanted))
                .findFirst();
    }

    /** The field with this mapping key, if it is one. */
    public static Optional<ImportField> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }
}
