package jp.nurture.leads.routing;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the routing admin sees of the notification e-mails: those the mail server kept refusing, and a retry. */
@Service
public class RoutingNotices {

    private final HandOffMail mail;

    RoutingNotices(HandOffMail mail) {
        this.mail = mail;
    }

    @Transactional(readOnly = true)
    public List<FailedNotice> failed() {
        return mail.failed(50);
    }

    /** Puts a failed notice back in line; false when it is not (or no longer) failed. */
    @Transactional
    public boolean retry(long noticeId) {
        return mail.retry(noticeId);
    }

    /** Tries every due notice now instead of waiting for the next scheduled round; returns how many were sent. */
    public int deliverDue() {
        return mail.deliverDue();
    }
}
