package jp.nurture.leads.core.tracking;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells robots from people by the User-Agent header, so crawlers do not count as page views. No maintained
 * crawler list is published on Maven Central (monperrus/crawler-user-agents ships for npm, PyPI and Go only, and
 * Yauaa needs seconds and hundreds of MB to start), so this is a pattern list of the tokens that list's entries
 * share: generic words (bot, crawl, spider, ...), HTTP libraries and headless browsers, and the big crawlers
 * whose name lacks those words. Extend {@link #ROBOT} when a new crawler shows up in the page views.
 */
public final class UserAgents {

    static final Pattern ROBOT = Pattern.compile(String.join("|",
            "bot\\b", "bot/", "-bot", "_bot", "robot", "crawl", "spider", "scrap", "slurp", "fetch", "archiver",
            "indexer", "monitor", "checker", "preview", "validator", "lighthouse", "pagespeed", "headlesschrome",
            "phantomjs", "puppeteer", "playwright", "selenium", "python-requests", "python-urllib", "aiohttp",
            "httpx", "java/", "okhttp", "apache-httpclient", "jakarta commons", "go-http-client", "curl/", "wget",
            "libwww", "lwp-", "httpie", "node-fetch", "axios/", "ruby", "php/", "perl", "scrapy", "mediapartners",
            "adsbot", "feedfetcher", "facebookexternalhit", "facebookcatalog", "ia_archiver", "yandex", "baiduspider",
            "bingpreview", "duckduckgo", "applebot", "semrush", "ahrefs", "mj12", "dotbot", "petalbot", "bytespider",
            "gptbot", "ccbot", "claudebot", "anthropic", "perplexity", "amazonbot", "embedly", "quora link",
            "whatsapp", "telegrambot", "discordbot", "slackbot", "skypeuripreview", "pinterest", "tumblr",
            "bitlybot", "nutch", "heritrix", "httrack", "wkhtmlto", "cloudflare", "uptime", "pingdom",
            "statuscake", "site24x7", "newrelic", "datadog", "zgrab", "masscan", "nmap", "nikto", "sqlmap"));

    private UserAgents() {
    }

    /** Whether the User-Agent belongs to a robot; a missing one is treated as a robot (browsers always send it). */
    public static boolean isRobot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        return ROBOT.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }
}
