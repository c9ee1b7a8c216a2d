-- The three foreign keys on the rows every message writes: a message's application, a
-- delivery's message and endpoint. H2 gives each single-column foreign key an index of its own
-- (it reuses an index only when it has exactly the key's columns, and the indexes these tables
-- need for their queries have two): three more B-trees written by every message and, for the
-- delivery's two, removed and added again by every update of its row. That was a fifth of the
-- writes on H2's hot path, and on PostgreSQL every insert locked the one application and
-- endpoint row that all of them name. The code keeps what the keys guarded: a message and its
-- deliveries are written in one transaction; deleting an endpoint or an application deletes
-- their deliveries and messages first, in the same transaction; retention deletes a message only
-- once it has no delivery left; and a delivery whose endpoint is gone is dropped when it comes
-- up (DeliveryRows.forgetOrphans). docs/decisions.md, "No foreign keys on the hot path".
alter table herald_delivery drop constraint if exists FK39lk44vh9qwcbnqfn9kwl4xaj;
alter table herald_delivery drop constraint if exists FKae71367pkvbjkd0hiwqsuk97w;
alter table herald_message drop constraint if exists FKsqhynliu0rgu9wt3xxx0woi1j;
