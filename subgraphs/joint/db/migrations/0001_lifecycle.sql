CREATE TABLE "idempotency_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"mutation" text NOT NULL,
	"arguments_hash" text NOT NULL,
	"result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_caller_key_mutation_pk" PRIMARY KEY("caller","key","mutation")
);
--> statement-breakpoint
CREATE TABLE "legal_hold_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customership_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_by_org" text NOT NULL,
	"recorded_by_area" text,
	"recorded_by_official" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "review_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "legal_hold_events" ADD CONSTRAINT "legal_hold_events_customership_id_customerships_id_fk" FOREIGN KEY ("customership_id") REFERENCES "public"."customerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_hold_events_customership" ON "legal_hold_events" USING btree ("customership_id");