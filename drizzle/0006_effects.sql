CREATE TABLE "bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"number" text,
	"parent_id" uuid,
	"remit" text,
	"composition" text,
	"established_on" date,
	"secretariat_department_id" uuid,
	"stated_meeting_counts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bodies_id_municipality_unique" UNIQUE("id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "body_rosters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"members" jsonb NOT NULL,
	"source" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bpr_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"title" text NOT NULL,
	"fy" integer NOT NULL,
	"source" text,
	"note" text,
	"stated_hours_saved" double precision,
	"stated_reduction_rate" double precision,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bpr_projects_id_municipality_unique" UNIQUE("id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "bpr_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"number" text,
	"process" text NOT NULL,
	"department_id" uuid NOT NULL,
	"hours_before" double precision NOT NULL,
	"hours_after" double precision,
	"stated_hours_saved" double precision,
	"stated_reduction_rate" double precision,
	"note" text,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "effect_action_links" (
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	CONSTRAINT "effect_action_links_pk" PRIMARY KEY("subject_type","subject_id","action_id")
);
--> statement-breakpoint
CREATE TABLE "effect_series_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"fy" integer NOT NULL,
	"values" jsonb NOT NULL,
	"stated_values" jsonb,
	"stated_changes" jsonb,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "effect_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"columns" jsonb NOT NULL,
	"source" text,
	"note" text,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effect_series_id_municipality_unique" UNIQUE("id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "funding_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"number" text,
	"name" text NOT NULL,
	"summary" text,
	"type" text,
	"project_cost" bigint,
	"grant_amount" bigint,
	"budget_amount" bigint,
	"subsidy_rate_numerator" integer,
	"subsidy_rate_denominator" integer,
	"note" text,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"fy" integer NOT NULL,
	"program" text,
	"source" text,
	"note" text,
	"stated_project_cost" bigint,
	"stated_grant_amount" bigint,
	"stated_budget_amount" bigint,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_lists_id_municipality_unique" UNIQUE("id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_sources" (
	"kpi_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"bpr_project_id" uuid,
	"bpr_metric" text,
	"series_id" uuid,
	"series_column_key" text,
	"derived_actual_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" text,
	"end_time" text,
	"number" text,
	"title" text,
	"place" text,
	"status" text NOT NULL,
	"agenda" text,
	"minutes" text,
	"decisions" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_parent_fk" FOREIGN KEY ("parent_id","municipality_id") REFERENCES "public"."bodies"("id","municipality_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_secretariat_fk" FOREIGN KEY ("secretariat_department_id","municipality_id") REFERENCES "public"."departments"("id","municipality_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_rosters" ADD CONSTRAINT "body_rosters_body_fk" FOREIGN KEY ("body_id","municipality_id") REFERENCES "public"."bodies"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bpr_projects" ADD CONSTRAINT "bpr_projects_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bpr_results" ADD CONSTRAINT "bpr_results_project_fk" FOREIGN KEY ("project_id","municipality_id") REFERENCES "public"."bpr_projects"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bpr_results" ADD CONSTRAINT "bpr_results_department_fk" FOREIGN KEY ("department_id","municipality_id") REFERENCES "public"."departments"("id","municipality_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effect_action_links" ADD CONSTRAINT "effect_action_links_action_fk" FOREIGN KEY ("action_id","plan_id") REFERENCES "public"."actions"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effect_action_links" ADD CONSTRAINT "effect_action_links_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effect_series_rows" ADD CONSTRAINT "effect_series_rows_series_fk" FOREIGN KEY ("series_id","municipality_id") REFERENCES "public"."effect_series"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effect_series" ADD CONSTRAINT "effect_series_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_items" ADD CONSTRAINT "funding_items_list_fk" FOREIGN KEY ("list_id","municipality_id") REFERENCES "public"."funding_lists"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lists" ADD CONSTRAINT "funding_lists_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_sources" ADD CONSTRAINT "kpi_sources_kpi_fk" FOREIGN KEY ("kpi_id","plan_id") REFERENCES "public"."kpis"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_sources" ADD CONSTRAINT "kpi_sources_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_sources" ADD CONSTRAINT "kpi_sources_bpr_project_fk" FOREIGN KEY ("bpr_project_id","municipality_id") REFERENCES "public"."bpr_projects"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_sources" ADD CONSTRAINT "kpi_sources_series_fk" FOREIGN KEY ("series_id","municipality_id") REFERENCES "public"."effect_series"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_body_fk" FOREIGN KEY ("body_id","municipality_id") REFERENCES "public"."bodies"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bodies_municipality_idx" ON "bodies" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "body_rosters_body_idx" ON "body_rosters" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "bpr_projects_municipality_idx" ON "bpr_projects" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "bpr_results_project_idx" ON "bpr_results" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "effect_action_links_action_idx" ON "effect_action_links" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "effect_series_rows_year_unique" ON "effect_series_rows" USING btree ("series_id","fy") WHERE archived_at is null;--> statement-breakpoint
CREATE INDEX "effect_series_municipality_idx" ON "effect_series" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "funding_items_list_idx" ON "funding_items" USING btree ("list_id");--> statement-breakpoint
CREATE INDEX "funding_lists_municipality_idx" ON "funding_lists" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "kpi_sources_bpr_project_idx" ON "kpi_sources" USING btree ("bpr_project_id");--> statement-breakpoint
CREATE INDEX "kpi_sources_series_idx" ON "kpi_sources" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "meetings_body_idx" ON "meetings" USING btree ("body_id","date");--> statement-breakpoint
CREATE INDEX "meetings_municipality_idx" ON "meetings" USING btree ("municipality_id","date");