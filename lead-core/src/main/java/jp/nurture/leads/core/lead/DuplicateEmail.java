package jp.nurture.leads.core.lead;

/** The e-mail address already belongs to another person. */
public class DuplicateEmail extends RuntimeException {

    public DuplicateEmail(String email) {
        super("e-mail " + email + " already belongs to another person");
    }
}
