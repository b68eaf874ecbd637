package jp.nurture.leads.core.party;

/** The regions Japanese sales organisations are usually split by. */
public enum Area {
    HOKKAIDO, TOHOKU, KANTO, CHUBU, KINKI, CHUGOKU, SHIKOKU, KYUSHU_OKINAWA
}
