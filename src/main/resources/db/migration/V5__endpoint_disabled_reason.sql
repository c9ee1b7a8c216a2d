-- Why Herald disabled an endpoint by itself (410 Gone, failing too long), so the customer portal
-- and the API can say it; null when a person disabled it or it is enabled.
alter table herald_endpoint add column disabledReason varchar(512);
