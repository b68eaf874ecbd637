package jp.nurture.leads.core.form;

import java.util.Map;

/**
 * A form definition or a submission was refused; {@code errors} maps each field (a builder setting, or a form
 * field key) to the message code of what is wrong with it.
 */
public class InvalidForm extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidForm(Map<String, String> errors) {
        super("invalid: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
