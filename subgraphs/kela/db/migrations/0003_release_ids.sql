-- Release records are numbered by the database instead of by a random uuid per row, which was half the
-- cost of recording a page's releases. Nothing refers to a release by its id; existing rows are numbered
-- in their stored order. (Written by hand: uuid values cannot be cast to numbers.)
ALTER TABLE "releases" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "releases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);
