package jp.nurture.leads.web.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a write of the API at most once per {@code Idempotency-Key} of a key: the first request's response is
 * stored in the same transaction as its change, a retry with the same body gets that response again, a reuse with
 * another body is refused. The table is shared by every app instance; a retry arriving while the first request is
 * still running waits on the row's primary key and then replays. A failed request stores nothing, so it can be
 * retried with the same key.
 */
@Component
class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    /** A response as stored and replayed. */
    record Response(int status, String body, String location, boolean replayed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    IdempotentRequests(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    Response run(long apiKeyId, String idempotencyKey, String method, String path, byte[] body,
            Supplier<Response> work) {
        if (idempotencyKey == null) {
            return transactions.execute(tx -> work.get());
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "idempotencyKey", MAX_KEY_LENGTH);
        }
        String hash = hash(method, path, body);
        return transactions.execute(tx -> {
            int claimed = jdbc.sql("""
                    insert into api_idempotency (api_key_id, idempotency_key, request_hash) values (?, ?, ?)
                    on conflict do nothing""").params(apiKeyId, idempotencyKey, hash).update();
            if (claimed == 0) {
                return jdbc.sql("""
                        select request_hash, status, response, location from api_idempotency
                        where api_key_id = ? and idempotency_key = ?""").params(apiKeyId, idempotencyKey)
                        .query((rs, n) -> {
                            if (!rs.getString(1).equals(hash)) {
                                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotencyReused");
                            }
                            return new Response(rs.getInt(2), rs.getString(3), rs.getString(4), true);
                        }).single();
            }
            Response response = work.get();
            jdbc.sql("""
                    update api_idempotency set status = ?, response = ?, location = ?
                    where api_key_id = ? and idempotency_key = ?""")
                    .params(response.status(), response.body(), response.location(), apiKeyId, idempotencyKey)
                    .update();
            return response;
        });
    }

    /** Clients retry within minutes; a day keeps every reasonable retry safe. Safe on any number of instances. */
    @Scheduled(fixedDelayString = "${leads.api.idempotency-cleanup:PT1H}", initialDelayString = "PT5M")
    void forgetOldKeys() {
        jdbc.sql("delete from api_idempotency where created_at < now() - interval '1 day'").update();
    }

    private static String hash(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
