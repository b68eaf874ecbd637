package jp.nurture.leads.core.form;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;

/**
 * The fields every product's form can ask, grouped as person, company, lead and BANT. {@code captureKey} is the
 * lead capture field the value goes to (null for BANT, which capture does not carry and the form fills itself).
 */
public enum StandardField {
    EMAIL(Group.PERSON, InputType.EMAIL, "email", 254, "メールアドレス", "Email"),
    FULL_NAME(Group.PERSON, InputType.TEXT, "full_name", 120, "氏名", "Full name"),
    KANA(Group.PERSON, InputType.TEXT, "kana", 120, "フリガナ", "Name (kana)"),
    PHONE(Group.PERSON, InputType.TEL, "phone", 40, "電話番号", "Phone"),
    DEPARTMENT(Group.PERSON, InputType.TEXT, "department", 120, "部署", "Department"),
    JOB_TITLE(Group.PERSON, InputType.TEXT, "job_title", 120, "役職", "Job title"),
    COMPANY(Group.COMPANY, InputType.TEXT, "company", 200, "会社名", "Company"),
    PREFECTURE(Group.COMPANY, InputType.SELECT, "prefecture", 20, "都道府県", "Prefecture"),
    INDUSTRY(Group.COMPANY, InputType.SELECT, "industry", 20, "業種", "Industry"),
    PLANNED_ADOPTION_DATE(Group.LEAD, InputType.DATE, "planned_adoption_date", 10, "導入予定日",
            "Planned adoption date"),
    EXPECTED_USERS(Group.LEAD, InputType.NUMBER, "expected_users", 10, "利用予定人数", "Expected users"),
    BUDGET_YEN(Group.BANT, InputType.NUMBER, null, 15, "ご予算（円）", "Budget (yen)"),
    AUTHORITY(Group.BANT, InputType.SELECT, null, 20, "ご購買における役割", "Your role in the purchase"),
    NEED(Group.BANT, InputType.TEXTAREA, null, 2000, "ご相談内容・課題", "What do you need?"),
    TIMEFRAME(Group.BANT, InputType.SELECT, null, 20, "導入時期", "When do you plan to buy?");

    /** Where a field belongs, for grouping in the builder. */
    public enum Group {
        PERSON, COMPANY, LEAD, BANT, CUSTOM
    }

    private final Group group;
    private final InputType input;
    private final String captureKey;
    private final int maxLength;
    private final String labelJa;
    private final String labelEn;

    StandardField(Group group, InputType input, String captureKey, int maxLength, String labelJa, String labelEn) {
        this.group = group;
        this.input = input;
        this.captureKey = captureKey;
        this.maxLength = maxLength;
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Group group() {
        return group;
    }

    public InputType input() {
        return input;
    }

    String captureKey() {
        return captureKey;
    }

    public int maxLength() {
        return maxLength;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** The values a select offers (enum constant names); empty for free input. */
    public List<String> options() {
        return switch (this) {
            case PREFECTURE -> Arrays.stream(Prefecture.values()).map(Enum::name).toList();
            case INDUSTRY -> Arrays.stream(Industry.values()).map(Enum::name).toList();
            case AUTHORITY -> Arrays.stream(Authority.values()).map(Enum::name).toList();
            case TIMEFRAME -> Arrays.stream(Timeframe.values()).map(Enum::name).toList();
            default -> List.of();
        };
    }

    public static Optional<StandardField> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }
}
