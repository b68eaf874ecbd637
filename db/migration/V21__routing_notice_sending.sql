-- A notice is claimed (sending_since set) in a transaction of its own before it is handed to the mail server, and
-- its outcome is written afterwards, so no lock is held and a database restart in between cannot make it go out
-- twice. A row that keeps sending_since means the process stopped in between: nobody knows whether the server
-- took it, so it is not sent again (see HandOffMail) but marked failed after a while, visibly.
alter table routing_notice add column sending_since timestamptz;
-- Due means not sent, not given up and not in the hands of a sender.
drop index routing_notice_due_ix;
create index routing_notice_due_ix on routing_notice (next_attempt_at)
    where sent_at is null and failed_at is null and sending_since is null;
create index routing_notice_sending_ix on routing_notice (sending_since) where sending_since is not null;
