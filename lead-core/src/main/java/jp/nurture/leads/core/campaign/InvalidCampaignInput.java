package jp.nurture.leads.core.campaign;

/** A campaign, template, send or program input that cannot be accepted; the key names the message to show. */
public class InvalidCampaignInput extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    public InvalidCampaignInput(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
