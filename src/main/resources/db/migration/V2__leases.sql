-- V2: leases on jobs that one instance at a time runs (dev.herald.platform.lease). One row per
-- job, created here; an instance holds a job while expiresAt is in the future.

create table herald_lease (
    name varchar(64) not null,
    expiresAt timestamp(6) with time zone,
    holder varchar(200),
    primary key (name)
);

insert into herald_lease (name, expiresAt, holder) values ('retention', null, null);
