-- The notification carries the revision too ("<plan id>:<revision>"), so that a server whose cache
-- already holds that revision (it read the plan after the change) keeps it instead of loading it again.
-- A deleted plan is announced with revision 0, which no cache holds.
CREATE OR REPLACE FUNCTION kiseki_notify_plan_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('kiseki_plan_changed', NEW.id::text || ':' || NEW.revision::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kiseki_notify_plan_deleted() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('kiseki_plan_changed', OLD.id::text || ':0');
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
