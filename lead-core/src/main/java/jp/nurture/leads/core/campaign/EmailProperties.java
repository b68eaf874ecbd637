package jp.nurture.leads.core.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Marketing email settings ({@code leads.email.*}). The Act on Specified Electronic Mail wants every message to
 * name its sender, the sender's address and how to opt out; these fill the footer no template can leave out.
 *
 * @param baseUrl where recipients reach this installation (tracked links, open pixel, unsubscribe)
 * @param senderName the sender named in From and in the footer
 * @param senderAddress the From address
 * @param postalAddress the sender's postal address, shown in the footer
 * @param batchSize most messages handed to the mail server per transaction
 * @param maxAttempts attempts before a message the server keeps deferring is given up
 * @param pollEvery how often the outbox and the nurture programs are looked at
 * @param polling whether this instance looks at them on its own (off where a caller drives them, as tests do)
 * @param sendingTimeout how long a message may stay SENDING before it counts as interrupted (the process stopped
 *        while handing it over) and is marked failed instead of being sent again
 */
@ConfigurationProperties("leads.email")
public record EmailProperties(String baseUrl, String senderName, String senderAddress, String postalAddress,
        Integer batchSize, Integer maxAttempts, Duration pollEvery, Boolean polling,
        Duration sendingTimeout) {

    public EmailProperties {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
        senderName = senderName == null || senderName.isBlank() ? "Nurture株式会社 マーケティング部" : senderName;
        senderAddress = senderAddress == null || senderAddress.isBlank() ? "marketing@nurture.example" : senderAddress;
        postalAddress = postalAddress == null || postalAddress.isBlank() ? "〒100-0005 東京都千代田区丸の内1-1-1"
                : postalAddress;
        batchSize = batchSize == null ? 500 : batchSize;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        pollEvery = pollEvery == null ? Duration.ofSeconds(5) : pollEvery;
        polling = polling == null || polling;
        sendingTimeout = sendingTimeout == null ? Duration.ofMinutes(15) : sendingTimeout;
    }
}
