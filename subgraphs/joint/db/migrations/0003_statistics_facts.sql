DROP INDEX "plan_reviews_plan_recorded";--> statement-breakpoint
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
-- Existing customerships take the municipality their client has now: the start's is not known.
UPDATE "customerships" c SET "municipality" = p."municipality" FROM "persons" p WHERE p."hetu" = c."hetu";--> statement-breakpoint
-- Existing reviews: each met the occasion three months after the plan or the review before it,
-- or, asked for by the client, the day it was made (the request's own day is not known).
ALTER TABLE "plan_reviews" ADD COLUMN "due_on" date;--> statement-breakpoint
UPDATE "plan_reviews" r SET "due_on" = d."due_on" FROM (
  SELECT pr."id", CASE WHEN pr."requested_by_client" THEN least(d0."due_on", pr."reviewed_on") ELSE d0."due_on" END AS "due_on"
  FROM "plan_reviews" pr
  JOIN (
    SELECT r0."id", (coalesce(lag(r0."reviewed_on") OVER (PARTITION BY r0."plan_id" ORDER BY r0."recorded_at"), pl."created_on") + interval '3 months')::date AS "due_on"
    FROM "plan_reviews" r0 JOIN "plans" pl ON pl."id" = r0."plan_id"
  ) d0 ON d0."id" = pr."id"
) d WHERE d."id" = r."id";--> statement-breakpoint
ALTER TABLE "plan_reviews" ALTER COLUMN "due_on" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "plan_reviews_due" ON "plan_reviews" USING btree ("due_on","plan_id");--> statement-breakpoint
CREATE INDEX "customerships_area_started" ON "customerships" USING btree ("area","started_on");
