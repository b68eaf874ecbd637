package jp.nurture.leads.core.campaign;

/** A message ready to go: subject, both bodies with tracked links and footer, and the one-click unsubscribe URL. */
public record RenderedEmail(String subject, String html, String text, String unsubscribeUrl) {
}
