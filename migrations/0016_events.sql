CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`program_id` text,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`description` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text,
	`online` integer DEFAULT false NOT NULL,
	`capacity` integer,
	`languages` text DEFAULT '[]' NOT NULL,
	`supports` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `events_start` ON `events` (`tenant_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_program` ON `events` (`tenant_id`,`program_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `event_rsvps` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`event_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`status` text NOT NULL,
	`guests` integer DEFAULT 0 NOT NULL,
	`supports` text DEFAULT '[]' NOT NULL,
	`responded_at` integer NOT NULL,
	`attended` integer,
	`attended_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_rsvps_person` ON `event_rsvps` (`tenant_id`,`event_id`,`participant_id`);--> statement-breakpoint
CREATE INDEX `event_rsvps_queue` ON `event_rsvps` (`tenant_id`,`event_id`,`status`,`responded_at`);
