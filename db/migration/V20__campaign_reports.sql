-- Campaign and e-mail panels of the PDCA dashboards: each reads one product's campaigns, the costs booked and the
-- members who joined in the period, and the sends issued in it, by index ranges that grow with the period's
-- activity, not with the number of leads.
create index campaign_cost_campaign_ix on campaign_cost (campaign_id, spent_on);
create index campaign_member_added_ix on campaign_member (campaign_id, added_at);
create index email_send_product_created_ix on email_send (product_id, created_at);
