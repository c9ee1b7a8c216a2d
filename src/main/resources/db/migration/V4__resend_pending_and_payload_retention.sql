-- A resend asked for while an attempt is under way is remembered, not refused (Svix queues it).
alter table herald_delivery add column resendPending boolean default false not null;

-- Svix's payloadRetentionPeriod: when a message's payload may be expunged (null: the server's period).
alter table herald_message add column payloadExpiresAt timestamp(6) with time zone;
