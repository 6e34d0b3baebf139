CREATE TABLE "benefits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"since" date NOT NULL,
	"until" date,
	"decided_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"paid_on" date NOT NULL,
	"amount" numeric(10, 2) NOT NULL,
	"benefit_type" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rehabilitation_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hetu" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"decided_on" date NOT NULL,
	"provider" text
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
CREATE INDEX "benefits_hetu" ON "benefits" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "payments_hetu" ON "payments" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "rehabilitation_decisions_hetu" ON "rehabilitation_decisions" USING btree ("hetu");--> statement-breakpoint
CREATE INDEX "releases_hetu" ON "releases" USING btree ("hetu");