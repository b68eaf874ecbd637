package jp.nurture.leads.core.form;

/** No form with this id or key exists in the caller's products. */
public class FormNotFound extends RuntimeException {
    public FormNotFound(String what) {
        super("form " + what + " not found");
    }
}
