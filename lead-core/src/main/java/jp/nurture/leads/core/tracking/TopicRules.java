package jp.nurture.leads.core.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-product URL-pattern → topic rules, and the topics of a page. The writer of page views asks for topics many
 * thousand times a second, so the rules are kept compiled in memory and re-read at most every few seconds (another
 * app instance may have changed them).
 */
@Service
public class TopicRules {

    private static final Duration REFRESH = Duration.ofSeconds(10);
    static final int MAX_PATTERN = 300;
    static final int MAX_TOPIC = 100;

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Map<Long, List<Compiled>> compiled = Map.of();
    private volatile Instant loadedAt = Instant.MIN;

    TopicRules(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The rules of the products in scope, by product then pattern. */
    @Transactional(readOnly = true)
    public List<TopicRule> list(ProductScope scope) {
        return jdbc.sql("""
                select id, product_id, url_pattern, topic from topic_rule
                where (cast(? as bigint[]) is null or product_id = any(?))
                order by product_id, url_pattern, topic""")
                .params(scope.sqlFilter(), scope.sqlFilter())
                .query((rs, n) -> new TopicRule(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Every topic named by any rule, for the segment builder's topic filter. */
    @Transactional(readOnly = true)
    public List<String> topics(ProductScope scope) {
        return list(scope).stream().map(TopicRule::topic).distinct().sorted().toList();
    }

    /**
     * Adds a rule; a pattern must be a path starting with "/" (with * as wildcard) and the topic not blank.
     *
     * @return false when the same rule exists already
     */
    @Transactional
    public boolean add(long productId, String urlPattern, String topic) {
        String pattern = urlPattern == null ? "" : urlPattern.strip();
        String name = topic == null ? "" : topic.strip();
        if (!pattern.startsWith("/") || pattern.length() > MAX_PATTERN || name.isEmpty() || name.length() > MAX_TOPIC) {
            throw new IllegalArgumentException("invalid topic rule");
        }
        int added = jdbc.sql("""
                insert into topic_rule (product_id, url_pattern, topic) values (?, ?, ?)
                on conflict (product_id, url_pattern, topic) do nothing""")
                .params(productId, pattern, name).update();
        loadedAt = Instant.MIN;
        return added == 1;
    }

    @Transactional
    public void remove(long ruleId, ProductScope scope) {
        jdbc.sql("delete from topic_rule where id = ? and (cast(? as bigint[]) is null or product_id = any(?))")
                .params(ruleId, scope.sqlFilter(), scope.sqlFilter()).update();
        loadedAt = Instant.MIN;
    }

    /** The topics of a page of the product's site, in rule order, without repeats. */
    public List<String> topicsOf(long productId, String url) {
        List<Compiled> rules = current().getOrDefault(productId, List.of());
        if (rules.isEmpty()) {
            return List.of();
        }
        String path = TopicRule.pathOf(url);
        Set<String> topics = new LinkedHashSet<>();
        for (Compiled rule : rules) {
            if (rule.pattern().matcher(path).matches()) {
                topics.add(rule.topic());
            }
        }
        return new ArrayList<>(topics);
    }

    private Map<Long, List<Compiled>> current() {
        Instant now = clock.instant();
        if (loadedAt.plus(REFRESH).isBefore(now)) {
            compiled = list(ProductScope.all()).stream().collect(Collectors.groupingBy(TopicRule::productId,
                    Collectors.mapping(r -> new Compiled(TopicRule.compile(r.urlPattern()), r.topic()),
                            Collectors.toList())));
            loadedAt = now;
        }
        return compiled;
    }

    private record Compiled(Pattern pattern, String topic) {
    }
}
