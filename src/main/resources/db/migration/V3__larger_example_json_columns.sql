-- The example domain's JSON columns hold up to 300,000 characters (the API refuses more with a
-- 422), not 65,536: a larger form answer set, order or report failed in the database with a 500.
alter table hiring_form_instance alter column answers set data type varchar(300000);
alter table hiring_payment alter column orderJson set data type varchar(300000);
alter table hiring_session alter column report set data type varchar(300000);
