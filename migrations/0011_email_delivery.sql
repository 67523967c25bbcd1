ALTER TABLE `outbox` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `batch_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lease_until` integer;--> statement-breakpoint
CREATE INDEX `outbox_batch` ON `outbox` (`batch_id`);--> statement-breakpoint
CREATE TABLE `email_send_rate` (
	`provider` text PRIMARY KEY NOT NULL,
	`next_at` integer NOT NULL
);--> statement-breakpoint
INSERT INTO `email_send_rate` (`provider`, `next_at`) VALUES ('resend', 0);
