-- Attempts are listed by message or by endpoint (Svix's API has no other way in); an event-type
-- filter narrows those lists. The index on (appId, eventType, id) served no query, and every
-- attempt recorded paid for it: one more B-tree written per attempt and per H2 store write.
drop index if exists IDXidbf9wkx7dhoyd2jngmey73ac;
