CREATE TABLE "benefit_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"given_on" date NOT NULL,
	"statement_type" text NOT NULL,
	"outcome" text NOT NULL,
	"reasoning" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "educations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"degree" text NOT NULL,
	"field" text NOT NULL,
	"institution" text NOT NULL,
	"year" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_seekers" (
	"hetu" text PRIMARY KEY NOT NULL,
	"office" text NOT NULL,
	"status" text NOT NULL,
	"registered_on" date NOT NULL,
	"unemployed_since" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"title" text NOT NULL,
	"employer" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date
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
CREATE TABLE "employment_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "benefit_statements_hetu" ON "benefit_statements" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "educations_hetu" ON "educations" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "work_history_hetu" ON "work_history" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "releases_hetu" ON "releases" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "employment_services_hetu" ON "employment_services" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "skills_hetu" ON "skills" USING btree ("hetu");