-- Placements (decision 044): dedicated libSQL databases an organization's program data can live on (URL and a
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
--> statement-breakpoint
-- A screening's approver is an account (users, control database): no foreign key, so program data can live on a
-- database of its own. The table is rebuilt without it (SQLite cannot drop a foreign key); nothing refers to it.
CREATE TABLE `__new_screenings` (
	`participant_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`references` text DEFAULT '[]' NOT NULL,
	`check_status` text DEFAULT 'not_started' NOT NULL,
	`check_provider_ref` text,
	`checked_on` text,
	`check_expires_on` text,
	`training_completed` text DEFAULT '{}' NOT NULL,
	`safety_ack_version` text,
	`safety_ack_at` integer,
	`approved_by` text,
	`approved_at` integer,
	`updated_at` integer,
	`check_reminder_for` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
INSERT INTO `__new_screenings` (`participant_id`, `tenant_id`, `references`, `check_status`, `check_provider_ref`, `checked_on`, `check_expires_on`, `training_completed`, `safety_ack_version`, `safety_ack_at`, `approved_by`, `approved_at`, `updated_at`, `check_reminder_for`) SELECT `participant_id`, `tenant_id`, `references`, `check_status`, `check_provider_ref`, `checked_on`, `check_expires_on`, `training_completed`, `safety_ack_version`, `safety_ack_at`, `approved_by`, `approved_at`, `updated_at`, `check_reminder_for` FROM `screenings`;--> statement-breakpoint
DROP TABLE `screenings`;--> statement-breakpoint
ALTER TABLE `__new_screenings` RENAME TO `screenings`;
