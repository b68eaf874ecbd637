package jp.nurture.leads.core.privacy;

/** No person has this id or address. */
public class PersonNotFound extends RuntimeException {

    public PersonNotFound() {
        super("person not found");
    }
}
