ALTER TABLE `invitations` ADD `participant_id` text;--> statement-breakpoint
ALTER TABLE `matches` ADD `mentee_end_request` text;--> statement-breakpoint
ALTER TABLE `matches` ADD `mentor_end_request` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `user_id` text;--> statement-breakpoint
CREATE INDEX `participants_user` ON `participants` (`tenant_id`,`user_id`);