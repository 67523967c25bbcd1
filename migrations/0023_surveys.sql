-- Surveys (decision 035): a program's surveys, single-use invitations, and answers. Anonymous answers cannot be
-- joined back to an invitation: no person, invitation, match or time finer than the day; random ids and a table
-- WITHOUT ROWID, so not even the storage order tells which answer came when.
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`program_id` text NOT NULL,
	`template` text,
	`kind` text NOT NULL,
	`audience` text NOT NULL,
	`anonymous` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`title` text NOT NULL,
	`questions` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `surveys_program` ON `surveys` (`tenant_id`,`program_id`);--> statement-breakpoint
CREATE TABLE `survey_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`period` text NOT NULL,
	`token_hash` text NOT NULL,
	`reminder_token_hash` text,
	`spent` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invitations_token_hash` ON `survey_invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invitations_reminder_token_hash` ON `survey_invitations` (`reminder_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invitations_person` ON `survey_invitations` (`tenant_id`,`survey_id`,`participant_id`,`period`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`participant_id` text,
	`day` text NOT NULL,
	`role` text NOT NULL,
	`program` text NOT NULL,
	`language_group` text NOT NULL,
	`age_band` text NOT NULL,
	`gender` text NOT NULL,
	`arrival_band` text NOT NULL,
	`neighborhood_group` text NOT NULL,
	`answers` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `survey_responses_survey` ON `survey_responses` (`tenant_id`,`survey_id`);
