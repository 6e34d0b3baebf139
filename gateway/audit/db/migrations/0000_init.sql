CREATE TABLE "access_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"sub" text NOT NULL,
	"org" text NOT NULL,
	"role" text NOT NULL,
	"areas" text[] NOT NULL,
	"kind" text NOT NULL,
	"count" integer NOT NULL,
	"window_minutes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_anchor" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"pruned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entries" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"kind" text NOT NULL,
	"hetu" text NOT NULL,
	"register" text NOT NULL,
	"categories" text[] NOT NULL,
	"basis" text NOT NULL,
	"recipient_sub" text NOT NULL,
	"recipient_org" text NOT NULL,
	"recipient_role" text NOT NULL,
	"recipient_areas" text[] NOT NULL,
	"recipient_municipality" text,
	"person_area" text,
	"purpose" text NOT NULL,
	"case_reference" text,
	"operation_name" text,
	"document_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lookups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"sub" text NOT NULL,
	"org" text NOT NULL,
	"role" text NOT NULL,
	"areas" text[] NOT NULL,
	"hetu" text,
	"outcome" text NOT NULL,
	"refusals" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_alerts_at" ON "access_alerts" USING btree ("at");--> statement-breakpoint
CREATE INDEX "entries_hetu_at" ON "entries" USING btree ("hetu","at");--> statement-breakpoint
CREATE INDEX "entries_at" ON "entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "lookups_sub_at" ON "lookups" USING btree ("sub","at");