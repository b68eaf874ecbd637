package jp.nurture.leads.core.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keys other systems use to call the REST API. The secret is shown once when the key is issued; only its SHA-256
 * is kept, so neither the database nor a backup reveals a usable key.
 */
@Service
public class ApiKeys {

    /** Recognisable in logs and secret scanners; the rest is 256 random bits. */
    static final String PREFIX = "lnk_";
    private static final int HINT_LENGTH = 10;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A newly issued key: the secret is in here and nowhere else. */
    public record Issued(long id, String secret) {
    }

    /** The name or the products of a new key were refused; {@code field} names which. */
    public static class InvalidApiKey extends RuntimeException {
        private final String field;

        InvalidApiKey(String field) {
            super("invalid api key: " + field);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Issues a key for the given products (at least one, each existing). */
    @Transactional
    public Issued issue(String name, Collection<Long> productIds, Long createdBy) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 120) {
            throw new InvalidApiKey("name");
        }
        Set<Long> products = productIds == null ? Set.of() : new LinkedHashSet<>(productIds);
        products.remove(null);
        long known = products.isEmpty() ? 0 : jdbc.sql("select count(*) from product where id = any(?)")
                .param(products.toArray(Long[]::new)).query(Long.class).single();
        if (products.isEmpty() || known != products.size()) {
            throw new InvalidApiKey("productIds");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long id = jdbc.sql("""
                insert into api_key (name, hint, secret_hash, created_by) values (?, ?, ?, ?) returning id""")
                .params(n, secret.substring(0, HINT_LENGTH), hash(secret), createdBy).query(Long.class).single();
        jdbc.sql("insert into api_key_product (api_key_id, product_id) select ?, unnest(?::bigint[])")
                .params(id, products.toArray(Long[]::new)).update();
        audit.record(AuditAction.API_KEY_CREATED, "API_KEY", id, null, Map.of("products", List.copyOf(products)),
                createdBy);
        return new Issued(id, secret);
    }

    /** Every key, newest first, revoked ones included (they stay listed so their use can be traced). */
    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        return jdbc.sql("""
                select k.id, k.name, k.hint, coalesce(array_agg(p.product_id order by p.product_id)
                           filter (where p.product_id is not null), '{}'), u.username, k.created_at,
                       k.last_used_at, k.revoked_at
                from api_key k left join api_key_product p on p.api_key_id = k.id
                left join app_user u on u.id = k.created_by
                group by k.id, u.username order by k.id desc""")
                .query((rs, n) -> new ApiKey(rs.getLong(1), rs.getString(2), rs.getString(3), longs(rs.getArray(4)),
                        rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** Revokes a key at once: the next request with it is refused. Revoking twice changes nothing. */
    @Transactional
    public boolean revoke(long id, Long actorId) {
        int changed = jdbc.sql("update api_key set revoked_at = now() where id = ? and revoked_at is null")
                .param(id).update();
        if (changed > 0) {
            audit.record(AuditAction.API_KEY_REVOKED, "API_KEY", id, null, Map.of(), actorId);
        }
        return changed > 0;
    }

    /** The client behind a presented key, if the key exists and is not revoked. */
    @Transactional
    public Optional<ApiClient> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiClient> client = jdbc.sql("""
                select k.id, k.name, array(select product_id from api_key_product where api_key_id = k.id)
                from api_key k where k.secret_hash = ? and k.revoked_at is null""")
                .param(hash(presented))
                .query((rs, n) -> new ApiClient(rs.getLong(1), rs.getString(2), Set.copyOf(longs(rs.getArray(3)))))
                .optional();
        // Written at most once a minute per key, so a busy client does not turn every read into a write.
        client.ifPresent(c -> jdbc.sql("""
                update api_key set last_used_at = now()
                where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
                .param(c.keyId()).update());
        return client;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static List<Long> longs(Array array) throws SQLException {
        return List.of((Long[]) array.getArray());
    }
}
