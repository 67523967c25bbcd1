CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`program_id` text NOT NULL,
	`match_id` text NOT NULL,
	`date` text NOT NULL,
	`duration_minutes` integer,
	`mode` text,
	`topics` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`mentor_came` integer,
	`mentee_came` integer,
	`mentor_rating` integer,
	`mentee_rating` integer,
	`sealed_note` text,
	`source` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meetings_match` ON `meetings` (`tenant_id`,`match_id`,`date`);--> statement-breakpoint
CREATE TABLE `check_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`match_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`meeting_id` text,
	`token_hash` text NOT NULL,
	`period` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`answer` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_token_hash` ON `check_ins` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_person_period` ON `check_ins` (`tenant_id`,`match_id`,`participant_id`,`period`);
