-- Every row records the controller that stored it (docs/LAW.md rule 10). Kela is one national controller,
-- so every row already stored is Kela's.
ALTER TABLE "benefits" ADD COLUMN "controller" text NOT NULL DEFAULT 'kela';--> statement-breakpoint
ALTER TABLE "benefits" ALTER COLUMN "controller" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "controller" text NOT NULL DEFAULT 'kela';--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "controller" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "rehabilitation_decisions" ADD COLUMN "controller" text NOT NULL DEFAULT 'kela';--> statement-breakpoint
ALTER TABLE "rehabilitation_decisions" ALTER COLUMN "controller" DROP DEFAULT;
