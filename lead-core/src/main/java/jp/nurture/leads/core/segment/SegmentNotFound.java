package jp.nurture.leads.core.segment;

/** No segment with this id. */
public class SegmentNotFound extends RuntimeException {

    public SegmentNotFound(long id) {
        super("segment " + id + " not found");
    }
}
