package jp.nurture.leads.core.party;

import java.util.Arrays;
import java.util.Optional;

/** The 47 prefectures of Japan, in the official JIS order, each with its sales area. */
public enum Prefecture {
    HOKKAIDO("北海道", Area.HOKKAIDO),
    AOMORI("青森県", Area.TOHOKU),
    IWATE("岩手県", Area.TOHOKU),
    MIYAGI("宮城県", Area.TOHOKU),
    AKITA("秋田県", Area.TOHOKU),
    YAMAGATA("山形県", Area.TOHOKU),
    FUKUSHIMA("福島県", Area.TOHOKU),
    IBARAKI("茨城県", Area.KANTO),
    TOCHIGI("栃木県", Area.KANTO),
    GUNMA("群馬県", Area.KANTO),
    SAITAMA("埼玉県", Area.KANTO),
    CHIBA("千葉県", Area.KANTO),
    TOKYO("東京都", Area.KANTO),
    KANAGAWA("神奈川県", Area.KANTO),
    NIIGATA("新潟県", Area.CHUBU),
    TOYAMA("富山県", Area.CHUBU),
    ISHIKAWA("石川県", Area.CHUBU),
    FUKUI("福井県", Area.CHUBU),
    YAMANASHI("山梨県", Area.CHUBU),
    NAGANO("長野県", Area.CHUBU),
    GIFU("岐阜県", Area.CHUBU),
    SHIZUOKA("静岡県", Area.CHUBU),
    AICHI("愛知県", Area.CHUBU),
    MIE("三重県", Area.KINKI),
    SHIGA("滋賀県", Area.KINKI),
    KYOTO("京都府", Area.KINKI),
    OSAKA("大阪府", Area.KINKI),
    HYOGO("兵庫県", Area.KINKI),
    NARA("奈良県", Area.KINKI),
    WAKAYAMA("和歌山県", Area.KINKI),
    TOTTORI("鳥取県", Area.CHUGOKU),
    SHIMANE("島根県", Area.CHUGOKU),
    OKAYAMA("岡山県", Area.CHUGOKU),
    HIROSHIMA("広島県", Area.CHUGOKU),
    YAMAGUCHI("山口県", Area.CHUGOKU),
    TOKUSHIMA("徳島県", Area.SHIKOKU),
    KAGAWA("香川県", Area.SHIKOKU),
    EHIME("愛媛県", Area.SHIKOKU),
    KOCHI("高知県", Area.SHIKOKU),
    FUKUOKA("福岡県", Area.KYUSHU_OKINAWA),
    SAGA("佐賀県", Area.KYUSHU_OKINAWA),
    NAGASAKI("長崎県", Area.KYUSHU_OKINAWA),
    KUMAMOTO("熊本県", Area.KYUSHU_OKINAWA),
    OITA("大分県", Area.KYUSHU_OKINAWA),
    MIYAZAKI("宮崎県", Area.KYUSHU_OKINAWA),
    KAGOSHIMA("鹿児島県", Area.KYUSHU_OKINAWA),
    OKINAWA("沖縄県", Area.KYUSHU_OKINAWA);

    private final String japaneseName;
    private final Area area;

    Prefecture(String japaneseName, Area area) {
        this.japaneseName = japaneseName;
        this.area = area;
    }

    public String japaneseName() {
        return japaneseName;
    }

    public Area area() {
        return area;
    }

    /** JIS X 0401 code, 1 (Hokkaido) to 47 (Okinawa). */
    public int jisCode() {
        return ordinal() + 1;
    }

    /**
     * Recognises a prefecture as people write it: "東京都", "東京", "Tokyo", "TOKYO", or the JIS code "13".
     */
    public static Optional<Prefecture> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = JapaneseText.normalizeWidth(text).strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.chars().allMatch(Character::isDigit) && value.length() <= 2) {
            int code = Integer.parseInt(value);
            return code >= 1 && code <= 47 ? Optional.of(values()[code - 1]) : Optional.empty();
        }
        return Arrays.stream(values())
                .filter(p -> p.name().equalsIgnoreCase(value) || p.japaneseName.equals(value)
                        || p.japaneseName.substring(0, p.japaneseName.length() - 1).equals(value))
                .findFirst();
    }
}
