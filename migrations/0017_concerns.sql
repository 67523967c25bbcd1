CREATE TABLE `concerns` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`program_id` text NOT NULL,
	`match_id` text NOT NULL,
	`raised_by_id` text NOT NULL,
	`raised_by_user_id` text,
	`side` text NOT NULL,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`sealed_description` text NOT NULL,
	`name_to_other_side` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`alerted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`raised_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `concerns_program` ON `concerns` (`tenant_id`,`program_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `concerns_raised_by` ON `concerns` (`tenant_id`,`raised_by_user_id`);--> statement-breakpoint
CREATE TABLE `concern_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`concern_id` text NOT NULL,
	`status_before` text NOT NULL,
	`status_after` text NOT NULL,
	`sealed_note` text,
	`actor_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `concern_actions_concern` ON `concern_actions` (`tenant_id`,`concern_id`,`created_at`);
