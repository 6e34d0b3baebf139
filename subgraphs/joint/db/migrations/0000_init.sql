CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"customership_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"participants" text[] NOT NULL,
	"note" text,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"customership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"replaces_id" uuid,
	"superseded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"recipient_org" text NOT NULL,
	"recipient_municipality" text,
	"categories" text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"form_reference" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"area" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"plan_deadline" date NOT NULL,
	"youth" boolean NOT NULL,
	"referral_note" text,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"agreed_by" text[],
	"legal_hold_reason" text,
	"legal_hold_set_by" text,
	"legal_hold_set_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responsible_officials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customership_id" uuid NOT NULL,
	"org" text NOT NULL,
	"area" text NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"hetu" text PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"municipality" text NOT NULL,
	"language" text DEFAULT 'fi' NOT NULL,
	"phone" text,
	"email" text,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"note" text NOT NULL,
	"requested_by_client" boolean DEFAULT false NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"provider" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"customership_id" uuid NOT NULL,
	"next_review_due" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_customership_id_customerships_id_fk" FOREIGN KEY ("customership_id") REFERENCES "public"."customerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_customership_id_customerships_id_fk" FOREIGN KEY ("customership_id") REFERENCES "public"."customerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsible_officials" ADD CONSTRAINT "responsible_officials_customership_id_customerships_id_fk" FOREIGN KEY ("customership_id") REFERENCES "public"."customerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_services" ADD CONSTRAINT "plan_services_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_customership_id_customerships_id_fk" FOREIGN KEY ("customership_id") REFERENCES "public"."customerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_customership" ON "appointments" USING btree ("customership_id");--> statement-breakpoint
CREATE INDEX "assessments_customership" ON "assessments" USING btree ("customership_id");--> statement-breakpoint
CREATE INDEX "assessments_hetu" ON "assessments" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "consents_hetu" ON "consents" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "customerships_hetu" ON "customerships" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "customerships_area_status" ON "customerships" USING btree ("area","status");--> statement-breakpoint
CREATE UNIQUE INDEX "customerships_one_active" ON "customerships" USING btree ("hetu") WHERE status = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "officials_customership" ON "responsible_officials" USING btree ("customership_id");--> statement-breakpoint
CREATE INDEX "plan_reviews_plan" ON "plan_reviews" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_services_plan" ON "plan_services" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_customership" ON "plans" USING btree ("customership_id");--> statement-breakpoint
CREATE INDEX "plans_hetu" ON "plans" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "releases_hetu" ON "releases" USING btree ("hetu");