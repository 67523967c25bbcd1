-- Hot reads (issue 14): the match board pages a run's open proposals in id order. With `id` at the end of the
-- index, SQLite walks the index in that order and stops after one page; before, it sorted every proposal of the
-- run (with its explanation) for each page. The new index serves every query the old one served (same prefix).
DROP INDEX `match_proposals_run`;--> statement-breakpoint
CREATE INDEX `match_proposals_run` ON `match_proposals` (`tenant_id`,`run_id`,`status`,`id`);
