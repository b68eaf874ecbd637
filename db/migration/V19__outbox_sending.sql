-- A message is marked SENDING in a transaction of its own before it is handed to the mail server, and its outcome
-- is written afterwards. A row that stays SENDING means the process stopped in between: nobody knows whether the
-- server took the message, so it is not sent again (see EmailOutbox) but given up after a while, visibly.
alter table email_outbox drop constraint email_outbox_status_check;
alter table email_outbox add constraint email_outbox_status_check
    check (status in ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED', 'BOUNCED'));
alter table email_outbox add column sending_since timestamptz;
create index email_outbox_sending_ix on email_outbox (sending_since) where status = 'SENDING';
-- What the campaign page lists as not delivered, newest first.
create index email_outbox_undelivered_ix on email_outbox (send_id, id) where status in ('FAILED', 'BOUNCED');
