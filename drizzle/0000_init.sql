CREATE TABLE "action_owners" (
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "action_owners_action_department_unique" UNIQUE("action_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"node_id" uuid,
	"key" text NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"aim" text,
	"approach" text,
	"target_text" text,
	"status" text,
	"schedule" jsonb,
	"stated" jsonb,
	"note" text,
	"department_weights" jsonb,
	"assessment_rate" double precision,
	"assessment_reason" text,
	"assessment_hypothetical" boolean,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "actions_plan_key_unique" UNIQUE("plan_id","key"),
	CONSTRAINT "actions_id_plan_unique" UNIQUE("id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_municipality_key_unique" UNIQUE("municipality_id","key"),
	CONSTRAINT "departments_id_municipality_unique" UNIQUE("id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_actuals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kpi_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"date" date NOT NULL,
	"hypothetical" boolean,
	"note" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"basis" text,
	"baseline_value" double precision,
	"baseline_date" date,
	"baseline_label" text,
	"target_value" double precision NOT NULL,
	"target_fy" integer NOT NULL,
	"weight" double precision,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "kpis_action_key_unique" UNIQUE("action_id","key"),
	CONSTRAINT "kpis_id_plan_unique" UNIQUE("id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"prefecture" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "plan_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"key" text NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"description" text,
	"position" integer NOT NULL,
	CONSTRAINT "plan_nodes_plan_key_unique" UNIQUE("plan_id","key"),
	CONSTRAINT "plan_nodes_id_plan_unique" UNIQUE("id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"start_fy" integer NOT NULL,
	"end_fy" integer NOT NULL,
	"levels" jsonb NOT NULL,
	"action_level" text NOT NULL,
	"mission" text,
	"vision" jsonb,
	"values" jsonb,
	"phases" jsonb,
	"sources" jsonb,
	"evaluation_settings" jsonb,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_municipality_slug_unique" UNIQUE("municipality_id","slug"),
	CONSTRAINT "plans_id_municipality_unique" UNIQUE("id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"key" text,
	"fy" integer NOT NULL,
	"plan_text" text NOT NULL,
	"progress" double precision,
	"expected" boolean,
	"weight" double precision,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_owners" ADD CONSTRAINT "action_owners_action_fk" FOREIGN KEY ("action_id","plan_id") REFERENCES "public"."actions"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_owners" ADD CONSTRAINT "action_owners_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_owners" ADD CONSTRAINT "action_owners_department_fk" FOREIGN KEY ("department_id","municipality_id") REFERENCES "public"."departments"("id","municipality_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_node_fk" FOREIGN KEY ("node_id","plan_id") REFERENCES "public"."plan_nodes"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_fk" FOREIGN KEY ("parent_id","municipality_id") REFERENCES "public"."departments"("id","municipality_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_actuals" ADD CONSTRAINT "kpi_actuals_kpi_fk" FOREIGN KEY ("kpi_id","plan_id") REFERENCES "public"."kpis"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_actuals" ADD CONSTRAINT "kpi_actuals_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_action_fk" FOREIGN KEY ("action_id","plan_id") REFERENCES "public"."actions"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_parent_fk" FOREIGN KEY ("parent_id","plan_id") REFERENCES "public"."plan_nodes"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_action_fk" FOREIGN KEY ("action_id","plan_id") REFERENCES "public"."actions"("id","plan_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_fk" FOREIGN KEY ("plan_id","municipality_id") REFERENCES "public"."plans"("id","municipality_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_department_fk" FOREIGN KEY ("department_id","municipality_id") REFERENCES "public"."departments"("id","municipality_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_owners_plan_idx" ON "action_owners" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "actions_municipality_idx" ON "actions" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "actions_node_idx" ON "actions" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "kpi_actuals_plan_idx" ON "kpi_actuals" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "kpi_actuals_kpi_idx" ON "kpi_actuals" USING btree ("kpi_id");--> statement-breakpoint
CREATE INDEX "kpis_plan_idx" ON "kpis" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_nodes_municipality_idx" ON "plan_nodes" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "tasks_plan_idx" ON "tasks" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "tasks_action_idx" ON "tasks" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "tasks_department_idx" ON "tasks" USING btree ("department_id");