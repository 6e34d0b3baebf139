-- The statistics read one row per customership: its plan and the due dates of the review
-- occasions met are copied onto it, replacing the per-plan review sums of migration 0003 (a period
-- cutting through a plan's reviews needed a look-up per plan; sorted due dates are counted in any
-- period by binary search).
DROP TRIGGER "plan_reviews_summary_insert" ON "plan_reviews";--> statement-breakpoint
DROP TRIGGER "plan_reviews_summary_update" ON "plan_reviews";--> statement-breakpoint
DROP TRIGGER "plan_reviews_summary_delete" ON "plan_reviews";--> statement-breakpoint
DROP FUNCTION "summarise_plan_reviews"();--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "plan_created_on" date;--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "plan_next_review_due" date;--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "review_dues" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "customerships" ADD COLUMN "on_time_review_dues" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" DROP COLUMN "reviews_met";--> statement-breakpoint
ALTER TABLE "plans" DROP COLUMN "reviews_met_on_time";--> statement-breakpoint
ALTER TABLE "plans" DROP COLUMN "first_review_due";--> statement-breakpoint
ALTER TABLE "plans" DROP COLUMN "last_review_due";--> statement-breakpoint
ALTER TABLE "plans" DROP COLUMN "last_reviewed_on";--> statement-breakpoint
-- The given customerships' plan facts, rewritten from their plan and its reviews. A review is on
-- time when made by its due date.
CREATE FUNCTION "copy_plan_facts"("ids" uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "customerships" c SET
    "plan_created_on" = p."created_on",
    "plan_next_review_due" = p."next_review_due",
    "review_dues" = coalesce(r."dues", '{}'),
    "on_time_review_dues" = coalesce(r."on_time", '{}')
  FROM unnest("ids") AS ch("id")
  LEFT JOIN "plans" p ON p."customership_id" = ch."id"
  LEFT JOIN LATERAL (
    SELECT array_agg(pr."due_on" ORDER BY pr."due_on") AS "dues",
      array_agg(pr."due_on" ORDER BY pr."due_on") FILTER (WHERE pr."reviewed_on" <= pr."due_on") AS "on_time"
    FROM "plan_reviews" pr WHERE pr."plan_id" = p."id"
  ) r ON true
  WHERE c."id" = ch."id"
$$;--> statement-breakpoint
-- Whoever writes a plan or a review (the lifecycle mutations, the seeder, an operator's own tools),
-- its customership's copy follows in the same statement.
CREATE FUNCTION "plans_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "copy_plan_facts"(ARRAY(SELECT DISTINCT "customership_id" FROM "changed"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "plan_reviews_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "copy_plan_facts"(ARRAY(SELECT DISTINCT p."customership_id" FROM "changed" ch JOIN "plans" p ON p."id" = ch."plan_id"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "plans_facts_insert" AFTER INSERT ON "plans" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "plans_changed"();--> statement-breakpoint
CREATE TRIGGER "plans_facts_update" AFTER UPDATE ON "plans" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "plans_changed"();--> statement-breakpoint
CREATE TRIGGER "plans_facts_delete" AFTER DELETE ON "plans" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "plans_changed"();--> statement-breakpoint
CREATE TRIGGER "plan_reviews_facts_insert" AFTER INSERT ON "plan_reviews" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "plan_reviews_changed"();--> statement-breakpoint
CREATE TRIGGER "plan_reviews_facts_update" AFTER UPDATE ON "plan_reviews" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "plan_reviews_changed"();--> statement-breakpoint
CREATE TRIGGER "plan_reviews_facts_delete" AFTER DELETE ON "plan_reviews" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "plan_reviews_changed"();--> statement-breakpoint
-- Existing plans.
SELECT "copy_plan_facts"(ARRAY(SELECT "customership_id" FROM "plans"));
