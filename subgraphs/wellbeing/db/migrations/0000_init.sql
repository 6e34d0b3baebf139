CREATE TABLE "wellbeing_clients" (
	"hetu" text PRIMARY KEY NOT NULL,
	"unit" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"diagnosed_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rehabilitative_work" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"provider" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"days_per_week" integer NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" text NOT NULL,
	"request_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"hetu" text NOT NULL,
	"categories" text[] NOT NULL,
	"bases" text[] NOT NULL,
	"recipient_org" text NOT NULL,
	"recipient_role" text NOT NULL,
	"recipient_sub" text NOT NULL,
	"purpose" text NOT NULL,
	"case_reference" text
);
--> statement-breakpoint
CREATE TABLE "social_situation_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"summary" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_ability_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"summary" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "diagnoses_hetu" ON "diagnoses" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "rehabilitative_work_hetu" ON "rehabilitative_work" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "releases_hetu" ON "releases" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "social_situation_assessments_hetu" ON "social_situation_assessments" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "work_ability_assessments_hetu" ON "work_ability_assessments" USING btree ("hetu");