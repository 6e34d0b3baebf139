DROP INDEX "plan_reviews_plan_recorded";--> statement-breakpoint
DROP INDEX "plan_reviews_plan";--> statement-breakpoint
DROP INDEX "customerships_area_started";--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "municipality" text;--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "started_on" date GENERATED ALWAYS AS ((("started_at" at time zone 'Europe/Helsinki')::date)) STORED;--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "ended_on" date GENERATED ALWAYS AS ((("ended_at" at time zone 'Europe/Helsinki')::date)) STORED;--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "age_group" text GENERATED ALWAYS AS (case
    when youth then 'under-30'
    when ("started_at" at time zone 'Europe/Helsinki')::date < make_date(
      case when substr(hetu, 7, 1) = '+' then 1800 when substr(hetu, 7, 1) in ('A', 'B', 'C', 'D', 'E', 'F') then 2000 else 1900 end
        + substr(hetu, 5, 2)::int, substr(hetu, 3, 2)::int, substr(hetu, 1, 2)::int) + interval '50 years' then '30-49'
    else '50+' end) STORED;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD COLUMN "reviewed_on" date GENERATED ALWAYS AS ((("recorded_at" at time zone 'Europe/Helsinki')::date)) STORED;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "created_on" date GENERATED ALWAYS AS ((("recorded_at" at time zone 'Europe/Helsinki')::date)) STORED;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "reviews_met" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "reviews_met_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "first_review_due" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "last_review_due" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "last_reviewed_on" date;--> statement-breakpoint
-- Existing customerships take the municipality their client has now: the start's is not known.
UPDATE "customerships" c SET "municipality" = p."municipality" FROM "persons" p WHERE p."hetu" = c."hetu";--> statement-breakpoint
-- Each plan's reviews in sum, rewritten from its reviews whenever a statement writes any of them,
-- whoever writes: the lifecycle mutations, the seeder, an operator's own tools.
CREATE FUNCTION "summarise_plan_reviews"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "plans" p SET
    "reviews_met" = coalesce(s."met", 0),
    "reviews_met_on_time" = coalesce(s."on_time", 0),
    "first_review_due" = s."first_due",
    "last_review_due" = s."last_due",
    "last_reviewed_on" = s."last_reviewed"
  FROM (SELECT DISTINCT "plan_id" FROM "changed") c
  LEFT JOIN (
    SELECT r."plan_id", count(*)::int AS "met", (count(*) FILTER (WHERE r."reviewed_on" <= r."due_on"))::int AS "on_time",
      min(r."due_on") AS "first_due", max(r."due_on") AS "last_due", max(r."reviewed_on") AS "last_reviewed"
    FROM "plan_reviews" r WHERE r."plan_id" IN (SELECT "plan_id" FROM "changed") GROUP BY r."plan_id"
  ) s ON s."plan_id" = c."plan_id"
  WHERE p."id" = c."plan_id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "plan_reviews_summary_insert" AFTER INSERT ON "plan_reviews" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "summarise_plan_reviews"();--> statement-breakpoint
CREATE TRIGGER "plan_reviews_summary_update" AFTER UPDATE ON "plan_reviews" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "summarise_plan_reviews"();--> statement-breakpoint
CREATE TRIGGER "plan_reviews_summary_delete" AFTER DELETE ON "plan_reviews" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "summarise_plan_reviews"();--> statement-breakpoint
-- Existing reviews: each met the occasion three months after the plan or the review before it,
-- or, asked for by the client, the day it was made (the request's own day is not known). Writing
-- them fires the trigger above, which sums every plan's reviews.
ALTER TABLE "plan_reviews" ADD COLUMN "due_on" date;--> statement-breakpoint
UPDATE "plan_reviews" r SET "due_on" = CASE WHEN r."requested_by_client" THEN least(d."due_on", r."reviewed_on") ELSE d."due_on" END
FROM (
  SELECT r0."id", (coalesce(lag(r0."reviewed_on") OVER (PARTITION BY r0."plan_id" ORDER BY r0."recorded_at"), pl."created_on") + interval '3 months')::date AS "due_on"
  FROM "plan_reviews" r0 JOIN "plans" pl ON pl."id" = r0."plan_id"
) d WHERE d."id" = r."id";--> statement-breakpoint
ALTER TABLE "plan_reviews" ALTER COLUMN "due_on" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "plan_reviews_plan_due" ON "plan_reviews" USING btree ("plan_id","due_on","reviewed_on");--> statement-breakpoint
CREATE INDEX "customerships_area_started" ON "customerships" USING btree ("area","started_on");
