package jp.nurture.leads.scoring;

import java.util.List;
import jp.nurture.leads.scoring.model.Problem;

/** A model that breaks one of the model policies; nothing was saved. */
public class InvalidModel extends RuntimeException {

    private final transient List<Problem> problems;

    public InvalidModel(List<Problem> problems) {
        super("invalid scoring model: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
