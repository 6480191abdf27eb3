-- Every change of a plan bumps its revision; announcing the new revision on commit lets each server
-- process drop its cached evaluation at once, without asking the database on every request.
CREATE FUNCTION kiseki_notify_plan_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('kiseki_plan_changed', NEW.id::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER plans_notify_changed
  AFTER INSERT OR UPDATE OF revision ON plans
  FOR EACH ROW EXECUTE FUNCTION kiseki_notify_plan_changed();
--> statement-breakpoint
CREATE FUNCTION kiseki_notify_plan_deleted() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('kiseki_plan_changed', OLD.id::text);
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER plans_notify_deleted
  AFTER DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION kiseki_notify_plan_deleted();
