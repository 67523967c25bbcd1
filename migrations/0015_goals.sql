CREATE TABLE `goals` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`program_id` text NOT NULL,
	`match_id` text NOT NULL,
	`area` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`target_date` text,
	`revisit_days` integer NOT NULL,
	`next_revisit_on` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `goals_match` ON `goals` (`tenant_id`,`match_id`);--> statement-breakpoint
CREATE INDEX `goals_revisit` ON `goals` (`tenant_id`,`next_revisit_on`);--> statement-breakpoint
CREATE TABLE `goal_revisits` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`goal_id` text NOT NULL,
	`match_id` text NOT NULL,
	`note` text,
	`status_before` text NOT NULL,
	`status_after` text NOT NULL,
	`area_before` text NOT NULL,
	`area_after` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `goal_revisits_goal` ON `goal_revisits` (`tenant_id`,`goal_id`,`created_at`);
