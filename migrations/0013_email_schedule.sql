ALTER TABLE `outbox` ADD `dedup_key` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `headers` text;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedup_key` ON `outbox` (`dedup_key`);--> statement-breakpoint
CREATE TABLE `email_preferences` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`kind` text NOT NULL,
	`enabled` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_preferences_recipient_kind` ON `email_preferences` (`tenant_id`,`recipient_type`,`recipient_id`,`kind`);
