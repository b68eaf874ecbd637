package jp.nurture.leads.core.capture;

/** A row an import could not take: its position, the message code of the reason, and the row as it was. */
public record ImportError(long recordNo, long lineNo, String reason, String detail, String raw) {
}
