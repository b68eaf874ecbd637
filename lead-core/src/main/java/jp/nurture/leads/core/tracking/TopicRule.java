package jp.nurture.leads.core.tracking;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The marketer's rule "pages whose path matches this pattern are about this topic". A pattern is a URL path where
 * {@code *} stands for any characters ("/products/iot/*"); it matches the path of the page, case-insensitively.
 */
public record TopicRule(long id, long productId, String urlPattern, String topic) {

    /** Whether the page's URL (absolute or a bare path) matches this rule's pattern. */
    public boolean matches(String url) {
        return compile(urlPattern).matcher(pathOf(url)).matches();
    }

    static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.strip().split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part.toLowerCase(Locale.ROOT)));
        }
        return Pattern.compile(regex.toString());
    }

    static String pathOf(String url) {
        if (url == null) {
            return "";
        }
        try {
            URI uri = URI.create(url.strip());
            String path = uri.getRawPath();
            return (path == null || path.isEmpty() ? "/" : path).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            int query = url.indexOf('?');
            return (query < 0 ? url : url.substring(0, query)).toLowerCase(Locale.ROOT);
        }
    }
}
