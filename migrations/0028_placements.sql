-- Placements (decision 042): dedicated libSQL databases an organization's program data can live on (URL and a
-- sealed auth token, control database only), organizations made read-only while their data moves, and the moves.
CREATE TABLE `tenant_databases` (
	`name` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`auth_token` text,
	`created_at` integer NOT NULL
);--> statement-breakpoint
ALTER TABLE `tenants` ADD `read_only_since` integer;--> statement-breakpoint
CREATE TABLE `tenant_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`from_placement` text NOT NULL,
	`to_placement` text NOT NULL,
	`state` text NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`cursor` text,
	`tables` text,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);--> statement-breakpoint
CREATE INDEX `tenant_moves_tenant` ON `tenant_moves` (`tenant_id`,`created_at`);
