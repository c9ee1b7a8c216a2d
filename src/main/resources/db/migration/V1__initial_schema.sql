-- V1: Herald's schema as Hibernate's hbm2ddl built it before migrations existed (the entities of
-- main at the start of issue 7), generated with dev.herald.tools.SchemaDdl for H2 and for
-- PostgreSQL (the two outputs were identical) and checked by hand. The same script runs on both.
--
-- Constraint and index names are exactly the generated ones, so a database that hbm2ddl built
-- (baselined at version 1, see Migrations) and one that this script built are the same, and a
-- later migration can name them. Unique constraints are unnamed, as hbm2ddl left them.
-- Timestamps are "timestamp(6) with time zone" (java.time.Instant); enums are varchar.

create table herald_app_token (
    tokenHash varchar(64) not null,
    appId varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    expiresAt timestamp(6) with time zone not null,
    featureFlags varchar(4096),
    readOnly boolean not null,
    sessionId varchar(256),
    primary key (tokenHash)
);

create table herald_application (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    maxEndpoints integer,
    maxPayloadBytes integer,
    metadata varchar(16384),
    name varchar(256) not null,
    rateLimit integer,
    retrySchedule varchar(1024),
    uid varchar(256) unique,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    primary key (id)
);

create table herald_attempt (
    id varchar(40) not null,
    appId varchar(40) not null,
    attemptNumber integer not null,
    deliveryId varchar(40) not null,
    endpointId varchar(40) not null,
    eventId varchar(256),
    eventType varchar(256),
    msgId varchar(40) not null,
    response varchar(2048) not null,
    responseDurationMs bigint not null,
    responseStatusCode integer not null,
    status integer not null,
    timestamp timestamp(6) with time zone not null,
    triggerType integer not null,
    url varchar(2048) not null,
    primary key (id)
);

create table herald_delivery (
    id varchar(40) not null,
    attempts integer not null,
    chainStart integer not null,
    createdAt timestamp(6) with time zone not null,
    lastQueuedAt timestamp(6) with time zone,
    manualChain boolean not null,
    nextAttemptAt timestamp(6) with time zone,
    sendingSince timestamp(6) with time zone,
    sendingUntil timestamp(6) with time zone,
    status varchar(24) not null check (status in ('PENDING','SENDING','SUCCEEDED','FAILED_WILL_RETRY','EXHAUSTED')),
    updatedAt timestamp(6) with time zone not null,
    urlOverride varchar(2048),
    version bigint not null,
    endpoint_id varchar(40) not null,
    msg_id varchar(40) not null,
    primary key (id),
    unique (msg_id, endpoint_id)
);

create table herald_endpoint (
    id varchar(40) not null,
    apiVersion integer not null,
    channels varchar(16384),
    contract varchar(32768),
    createdAt timestamp(6) with time zone not null,
    description varchar(4096) not null,
    disabled boolean not null,
    failingSince timestamp(6) with time zone,
    filterTypes varchar(16384),
    metadata varchar(16384),
    paused boolean not null,
    previousSecret varchar(512),
    previousSecretUntil timestamp(6) with time zone,
    rateLimit integer,
    retrySchedule varchar(1024),
    secret varchar(512) not null,
    uid varchar(256),
    updatedAt timestamp(6) with time zone not null,
    url varchar(2048) not null,
    version bigint not null,
    app_id varchar(40) not null,
    primary key (id),
    unique (app_id, uid)
);

create table herald_event_type (
    name varchar(256) not null,
    archived boolean not null,
    createdAt timestamp(6) with time zone not null,
    deprecated boolean not null,
    description varchar(4096) not null,
    featureFlag varchar(256),
    schemas varchar(1000000),
    updatedAt timestamp(6) with time zone not null,
    primary key (name)
);

create table herald_idempotency (
    keyHash varchar(64) not null,
    body varchar(1000000),
    contentType varchar(128),
    createdAt timestamp(6) with time zone not null,
    requestHash varchar(64),
    status integer not null,
    primary key (keyHash)
);


create table herald_message (
    id varchar(40) not null,
    channels varchar(16384),
    eventId varchar(256),
    eventType varchar(256) not null,
    payload varchar(1000000) not null,
    timestamp timestamp(6) with time zone not null,
    app_id varchar(40) not null,
    primary key (id),
    unique (app_id, eventId)
);

create table herald_snapshot (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    rootId varchar(256) not null,
    rootType varchar(128) not null,
    snapshot varchar(1000000) not null,
    version integer not null,
    primary key (id),
    unique (rootType, rootId, version)
);

create table hiring_candidate (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    email varchar(255),
    firstName varchar(255),
    lastName varchar(255),
    primary key (id)
);

create table hiring_education (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    degree varchar(255),
    graduationYear integer,
    institution varchar(255),
    candidate_id varchar(40) not null,
    primary key (id)
);

create table hiring_form_instance (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    answers varchar(65536),
    formId varchar(255),
    status varchar(255),
    primary key (id)
);

create table hiring_incident (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    kind varchar(255),
    sessionId varchar(255),
    sessionScore float(53),
    sessionStatus varchar(255),
    severity varchar(255),
    status varchar(255),
    primary key (id)
);

create table hiring_interview (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    companyName varchar(255),
    overallScore float(53),
    status varchar(255),
    title varchar(255),
    webhookUrl varchar(2048),
    candidate_id varchar(40) not null,
    primary key (id)
);

create table hiring_meeting (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    startsAt timestamp(6) with time zone,
    status varchar(255),
    title varchar(255),
    primary key (id)
);

create table hiring_meeting_participant (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    role varchar(255),
    meeting_id varchar(40) not null,
    user_id varchar(40) not null,
    primary key (id)
);

create table hiring_payment (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    amountMinor bigint not null,
    currency varchar(255),
    orderJson varchar(65536),
    status varchar(255),
    primary key (id)
);

create table hiring_session (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    candidateName varchar(255),
    report varchar(65536),
    reportId varchar(255),
    status varchar(255),
    primary key (id)
);

create table hiring_test_instance (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    assessment varchar(255),
    score float(53),
    status varchar(255),
    candidate_id varchar(40) not null,
    primary key (id)
);

create table hiring_transcript (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    body varchar(262144),
    messageId varchar(255),
    status varchar(255),
    primary key (id)
);

create table hiring_user (
    id varchar(40) not null,
    createdAt timestamp(6) with time zone not null,
    deleted boolean not null,
    tenantId varchar(256) not null,
    updatedAt timestamp(6) with time zone not null,
    version bigint not null,
    email varchar(255),
    name varchar(255),
    role varchar(255),
    primary key (id)
);

create index IDXjoo8fst90h64phw4h3vh5u355
   on herald_app_token (appId);

create index IDXkt6ikjstff4k1fqt4wy4618ru
   on herald_app_token (expiresAt);

create index IDXtaf8411wdb3fg2bniu1iye949
   on herald_attempt (appId, endpointId, id);

create index IDXmgr8t9bu326njj965jydl0pyq
   on herald_attempt (appId, msgId, id);

create index IDXagvhv71uiq5xxfkxm3kru0u1f
   on herald_attempt (timestamp);

create index IDXidbf9wkx7dhoyd2jngmey73ac
   on herald_attempt (appId, eventType, id);

create index IDX890n4j5vj75f0sbcpxhkcnj4w
   on herald_delivery (status, nextAttemptAt);

create index IDXbvd1tjuwtnjmd0a7yf30ktuhv
   on herald_delivery (endpoint_id, id);

create index IDXt0a8b85jyg0x1w76rg2pnr47v
   on herald_idempotency (createdAt);

create index IDXhjdbdyw2036uf2ema5q5nbdjl
   on herald_message (app_id, id);

create index IDXdxat9fauumywx6pwqsb5gjme1
   on herald_message (timestamp);

alter table herald_delivery
   add constraint FK39lk44vh9qwcbnqfn9kwl4xaj
   foreign key (endpoint_id)
   references herald_endpoint (id);

alter table herald_delivery
   add constraint FKae71367pkvbjkd0hiwqsuk97w
   foreign key (msg_id)
   references herald_message (id);

alter table herald_endpoint
   add constraint FKj1c4j2ghxx12djvn4a1kr2i65
   foreign key (app_id)
   references herald_application (id);

alter table herald_message
   add constraint FKsqhynliu0rgu9wt3xxx0woi1j
   foreign key (app_id)
   references herald_application (id);

alter table hiring_education
   add constraint FKcsnqhy16wjcddreqonjuc93de
   foreign key (candidate_id)
   references hiring_candidate (id);

alter table hiring_interview
   add constraint FKbvef1ayhmdgj76j75ydx8btwi
   foreign key (candidate_id)
   references hiring_candidate (id);

alter table hiring_meeting_participant
   add constraint FK8ekmcprkydklag2egsdhepm7w
   foreign key (meeting_id)
   references hiring_meeting (id);

alter table hiring_meeting_participant
   add constraint FK32sayfdqt8e9yhi42v4bskrbe
   foreign key (user_id)
   references hiring_user (id);

alter table hiring_test_instance
   add constraint FK3c4rmggpqy6393e5iscnempwu
   foreign key (candidate_id)
   references hiring_candidate (id);
