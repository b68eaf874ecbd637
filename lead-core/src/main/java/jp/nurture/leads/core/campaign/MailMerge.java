package jp.nurture.leads.core.campaign;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a marketer's template for one recipient with JMustache, a logic-less engine: merge values are
 * HTML-escaped in the HTML part, the context is a plain map (no method of any object can be reached from a
 * template), and anything else — such as {@code ${T(java.lang.Runtime)}} — is text. Every web link becomes a
 * personal tracked link, the HTML gets an open pixel, and both parts end with the footer naming the sender, its
 * address and how to opt out, which no template can leave out.
 */
public final class MailMerge {

    /** The merge fields a template may use. */
    public static final java.util.List<String> FIELDS = java.util.List.of("name", "company", "department",
            "job_title", "email", "owner", "product");

    private static final Pattern HREF = Pattern.compile("href=\"(https?://[^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"]+");
    private static final Mustache.Collector MAPS_ONLY = new BasicCollector() {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).defaultValue("")
            .withCollector(MAPS_ONLY).withLoader(name -> {
                throw new MustacheException("partials are not available");
            });
    private static final Mustache.Compiler TEXT = HTML.escapeHTML(false);

    private final Template subject;
    private final Template html;
    private final Template text;

    private MailMerge(Template subject, Template html, Template text) {
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    /**
     * Compiles the three parts once for many recipients.
     *
     * @throws InvalidCampaignInput when a part is not a valid template
     */
    public static MailMerge of(String subject, String html, String text) {
        try {
            return new MailMerge(TEXT.compile(subject), HTML.compile(html), TEXT.compile(text));
        } catch (MustacheException e) {
            throw new InvalidCampaignInput("template.invalid.syntax", e.getMessage());
        }
    }

    /** The personal links of one message. */
    public interface Links {
        /** A tracked link to the destination. */
        String click(String destination);

        String openPixel();

        String unsubscribe();

        String preferences();
    }

    /** The footer's words in the language of the product's mail. */
    public record Footer(String senderName, String senderAddress, String postalAddress, String emailTypeName) {
    }

    public RenderedEmail render(Recipient recipient, Links links, Footer footer) {
        Map<String, Object> context = context(recipient);
        String renderedSubject;
        String renderedHtml;
        String renderedText;
        try {
            // A name with a line break must not turn into a second header line.
            renderedSubject = subject.execute(context).replaceAll("[\\r\\n]+", " ").strip();
            renderedHtml = rewrite(HREF, html.execute(context), url -> "href=\"" + escape(
                    links.click(url.replace("&amp;", "&"))) + "\"", 1);
            renderedText = rewrite(TEXT_URL, text.execute(context), links::click, 0);
        } catch (MustacheException e) {
            throw new InvalidCampaignInput("template.invalid.syntax", e.getMessage());
        }
        String unsubscribe = links.unsubscribe();
        String preferences = links.preferences();
        String htmlFooter = """
                <hr><p style="font-size:12px;color:#666">送信者: %1$s &lt;%2$s&gt;<br>%3$s<br>\
                「%4$s」の配信停止: <a href="%5$s">%5$s</a><br>\
                配信設定（すべての配信停止もこちら）: <a href="%6$s">%6$s</a></p>\
                <img src="%7$s" width="1" height="1" alt="">""".formatted(
                escape(footer.senderName()), escape(footer.senderAddress()),
                escape(footer.postalAddress()), escape(footer.emailTypeName()),
                escape(unsubscribe), escape(preferences),
                escape(links.openPixel()));
        String textFooter = """

                --
                送信者: %s <%s>
                %s
                「%s」の配信停止: %s
                配信設定（すべての配信停止もこちら）: %s
                """.formatted(footer.senderName(), footer.senderAddress(), footer.postalAddress(),
                footer.emailTypeName(), unsubscribe, preferences);
        return new RenderedEmail(renderedSubject, withFooter(renderedHtml, htmlFooter), renderedText + textFooter,
                unsubscribe);
    }

    private static String withFooter(String html, String footer) {
        int end = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? html + footer : html.substring(0, end) + footer + html.substring(end);
    }

    private static String rewrite(Pattern pattern, String input, UnaryOperator<String> replace, int group) {
        Matcher m = pattern.matcher(input);
        StringBuilder out = new StringBuilder(input.length() + 256);
        while (m.find()) {
            String replacement = group == 0 ? replace.apply(m.group()) : replace.apply(m.group(group));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, Object> context(Recipient r) {
        Map<String, Object> context = new HashMap<>(16);
        context.put("name", nz(r.name()));
        context.put("company", nz(r.company()));
        context.put("department", nz(r.department()));
        context.put("job_title", nz(r.jobTitle()));
        context.put("email", nz(r.email()));
        context.put("owner", nz(r.owner()));
        context.put("product", nz(r.product()));
        return context;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
