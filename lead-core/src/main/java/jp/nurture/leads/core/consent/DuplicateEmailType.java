package jp.nurture.leads.core.consent;

/** A product already has an email type with this code. */
public class DuplicateEmailType extends RuntimeException {

    private final String code;

    public DuplicateEmailType(String code) {
        super("email type " + code + " exists");
        this.code = code;
    }

    public String code() {
        return code;
    }
}
