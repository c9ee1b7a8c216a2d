-- V8: a delivery whose first attempt starts at once is owed without a row of its own. The
-- message row names such deliveries (destinations: one line per endpoint, "index endpointId
-- [urlOverride]", see dev.herald.delivery.control.Destinations); a row is written when the first
-- attempt fails, waits, starts late or is resent, and for a success later, many rows in one
-- statement. On H2 a delivery row written at ingest and updated at the record took a third of
-- the database's CPU per message (mvn -Pstore-replay test -Dreplay.patterns=true);
-- docs/decisions.md, "Deliveries owed without a row".
alter table herald_message add column destinations varchar(1000000);

-- How far the rowless sweep has looked: every message up to (mark, msgId) has a row or an attempt
-- for each of its destinations. Messages before this migration have rows for all their deliveries.
create table herald_sweep_mark (
    name varchar(64) not null,
    mark timestamp(6) with time zone not null,
    msgId varchar(40) not null,
    primary key (name)
);

insert into herald_sweep_mark (name, mark, msgId) values ('rowless', current_timestamp, '');

-- One instance at a time runs the rowless sweep (dev.herald.platform.lease).
insert into herald_lease (name, expiresAt, holder) values ('rowless-sweep', null, null);
