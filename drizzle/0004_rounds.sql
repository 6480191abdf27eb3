CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid,
	"round_id" uuid,
	"department_id" uuid,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"webhook_url" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notices_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"reminder_days_before" integer DEFAULT 3 NOT NULL,
	"email_enabled" boolean DEFAULT true NOT NULL,
	"webhook_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_task_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "round_task_comments_round_task_unique" UNIQUE("round_id","task_id")
);
--> statement-breakpoint
ALTER TABLE "progress_rounds" ADD COLUMN "snapshot_revision" integer;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD COLUMN "last_edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD COLUMN "last_edited_by" uuid;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_task_comments" ADD CONSTRAINT "round_task_comments_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_task_comments" ADD CONSTRAINT "round_task_comments_round_fk" FOREIGN KEY ("round_id","plan_id") REFERENCES "public"."progress_rounds"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_task_comments" ADD CONSTRAINT "round_task_comments_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_task_comments" ADD CONSTRAINT "round_task_comments_task_fk" FOREIGN KEY ("task_id","plan_id") REFERENCES "public"."tasks"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notices_due_idx" ON "notices" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notices_municipality_idx" ON "notices" USING btree ("municipality_id","created_at");--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_last_edited_by_users_id_fk" FOREIGN KEY ("last_edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_rounds_one_open_per_plan" ON "progress_rounds" USING btree ("plan_id") WHERE "progress_rounds"."status" = 'open';