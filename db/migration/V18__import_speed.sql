-- Imports: the email types a marketer says the file's addresses were handed over for in writing (exhibition
-- business cards); every imported person with an address gets a BUSINESS_CARD consent for them, source the import.
alter table import_job add column business_card_email_types bigint[] not null default '{}';
