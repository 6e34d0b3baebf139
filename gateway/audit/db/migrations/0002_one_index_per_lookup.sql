DROP INDEX "entries_hetu_at";--> statement-breakpoint
DROP INDEX "entries_hetu_person_area";--> statement-breakpoint
DROP INDEX "entries_at";--> statement-breakpoint
CREATE INDEX "entries_hetu_person_area_at" ON "entries" USING btree ("hetu","person_area","at");--> statement-breakpoint
CREATE INDEX "entries_at" ON "entries" USING brin ("at");