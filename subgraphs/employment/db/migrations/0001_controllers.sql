-- Every row records the controller that stored it (docs/LAW.md rule 10): each employment area is a controller
-- of its own, so the own-register basis covers only its own rows. Rows already stored take the employment
-- area of the person's job-seeker row (its office); a row whose controller cannot be worked out gets
-- 'unassigned', which no caller works for: nobody reads it as their own register until the operator
-- assigns it (deny by default). The controller ids are those of schema/areas.yaml when this was written.
ALTER TABLE "job_seekers" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "educations" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "work_history" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "skills" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "employment_services" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "benefit_statements" ADD COLUMN "controller" text;--> statement-breakpoint
UPDATE "job_seekers" SET "controller" = CASE
  WHEN "office" ILIKE 'Porvoo%' THEN 'porvoo-employment-area'
  WHEN "office" ILIKE 'Keski-Uusimaa%' THEN 'keski-uusimaa-employment-area'
  ELSE 'unassigned' END;--> statement-breakpoint
UPDATE "educations" AS r SET "controller" =
  coalesce((SELECT j."controller" FROM "job_seekers" j WHERE j."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
UPDATE "work_history" AS r SET "controller" =
  coalesce((SELECT j."controller" FROM "job_seekers" j WHERE j."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
UPDATE "skills" AS r SET "controller" =
  coalesce((SELECT j."controller" FROM "job_seekers" j WHERE j."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
UPDATE "employment_services" AS r SET "controller" =
  coalesce((SELECT j."controller" FROM "job_seekers" j WHERE j."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
UPDATE "benefit_statements" AS r SET "controller" =
  coalesce((SELECT j."controller" FROM "job_seekers" j WHERE j."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
ALTER TABLE "job_seekers" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "educations" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "work_history" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "skills" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "employment_services" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "benefit_statements" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
-- A person registered with two employment areas has a row with each.
ALTER TABLE "job_seekers" DROP CONSTRAINT "job_seekers_pkey";--> statement-breakpoint
ALTER TABLE "job_seekers" ADD CONSTRAINT "job_seekers_hetu_controller_pk" PRIMARY KEY("hetu","controller");
