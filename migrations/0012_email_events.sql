CREATE TABLE `email_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`outbox_id` text NOT NULL,
	`type` text NOT NULL,
	`detail` text,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `email_events_outbox` ON `email_events` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `email_suppressions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`address` text NOT NULL,
	`reason` text NOT NULL,
	`detail` text,
	`event_id` text,
	`outbox_id` text,
	`created_at` integer NOT NULL,
	`lifted_at` integer,
	`lifted_by_user_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_suppressions_active` ON `email_suppressions` (`tenant_id`,`address`) WHERE "email_suppressions"."lifted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `email_suppressions_tenant` ON `email_suppressions` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_provider` ON `outbox` (`provider_id`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_created` ON `outbox` (`tenant_id`,`created_at`);
