CREATE TABLE `participant_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`author_user_id` text NOT NULL,
	`sealed_text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_notes_participant` ON `participant_notes` (`tenant_id`,`participant_id`,`created_at`);
