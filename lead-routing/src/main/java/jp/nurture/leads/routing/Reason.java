package jp.nurture.leads.routing;

/** One step of a routing decision's explanation: a message code and its argument (a name or a value). */
public record Reason(String code, String arg) {

    static Reason of(String code, Object arg) {
        return new Reason(code, arg == null ? "" : String.valueOf(arg));
    }
}
