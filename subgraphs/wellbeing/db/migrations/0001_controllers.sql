-- Every row records the controller that stored it (docs/LAW.md rule 10): each wellbeing county is a controller
-- of its own, so the own-register basis covers only its own rows. Rows already stored take the county of
-- the person's client row (its unit); an assessment a wellbeing official recorded takes that official's
-- area's county. A row whose controller cannot be worked out gets 'unassigned', which no caller works for:
-- nobody reads it as their own register until the operator assigns it (deny by default). The controller
-- ids are those of schema/areas.yaml when this was written.
ALTER TABLE "wellbeing_clients" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "social_situation_assessments" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "work_ability_assessments" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "rehabilitative_work" ADD COLUMN "controller" text;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD COLUMN "controller" text;--> statement-breakpoint
UPDATE "wellbeing_clients" SET "controller" = CASE
  WHEN "unit" ILIKE 'Itä-Uusimaa%' THEN 'ita-uusimaa-wellbeing-county'
  WHEN "unit" ILIKE 'Keski-Uusimaa%' THEN 'keski-uusimaa-wellbeing-county'
  ELSE 'unassigned' END;--> statement-breakpoint
UPDATE "social_situation_assessments" AS r SET "controller" = coalesce(
  CASE WHEN r."recorded_by_org" <> 'wellbeing' THEN NULL
       WHEN r."recorded_by_area" = 'ita-uusimaa' THEN 'ita-uusimaa-wellbeing-county'
       WHEN r."recorded_by_area" = 'keski-uusimaa' THEN 'keski-uusimaa-wellbeing-county' END,
  (SELECT c."controller" FROM "wellbeing_clients" c WHERE c."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
UPDATE "work_ability_assessments" AS r SET "controller" = coalesce(
  CASE WHEN r."recorded_by_org" <> 'wellbeing' THEN NULL
       WHEN r."recorded_by_area" = 'ita-uusimaa' THEN 'ita-uusimaa-wellbeing-county'
       WHEN r."recorded_by_area" = 'keski-uusimaa' THEN 'keski-uusimaa-wellbeing-county' END,
  (SELECT c."controller" FROM "wellbeing_clients" c WHERE c."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
UPDATE "rehabilitative_work" AS r SET "controller" =
  coalesce((SELECT c."controller" FROM "wellbeing_clients" c WHERE c."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
UPDATE "diagnoses" AS r SET "controller" =
  coalesce((SELECT c."controller" FROM "wellbeing_clients" c WHERE c."hetu" = r."hetu"), 'unassigned');--> statement-breakpoint
ALTER TABLE "wellbeing_clients" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "social_situation_assessments" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "work_ability_assessments" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rehabilitative_work" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "diagnoses" ALTER COLUMN "controller" SET NOT NULL;--> statement-breakpoint
-- A client of two counties has a row with each.
ALTER TABLE "wellbeing_clients" DROP CONSTRAINT "wellbeing_clients_pkey";--> statement-breakpoint
ALTER TABLE "wellbeing_clients" ADD CONSTRAINT "wellbeing_clients_hetu_controller_pk" PRIMARY KEY("hetu","controller");
