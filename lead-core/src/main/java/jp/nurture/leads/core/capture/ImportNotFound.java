package jp.nurture.leads.core.capture;

/** No import with this id exists in the caller's products. */
public class ImportNotFound extends RuntimeException {
    public ImportNotFound(long id) {
        super("import " + id + " not found");
    }
}
