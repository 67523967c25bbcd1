-- Anonymous survey summaries (decision 035, after review): coordinators see a summary kept from the last time it was
-- computed, renewed only once at least the organization's minimum of new answers came in since, so comparing two
-- summaries never isolates one person's answers.
ALTER TABLE `surveys` ADD `summary` text;--> statement-breakpoint
ALTER TABLE `surveys` ADD `summary_count` integer DEFAULT 0 NOT NULL;
