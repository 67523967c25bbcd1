ALTER TABLE `invitations` ADD `name` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `purpose` text DEFAULT 'join' NOT NULL;--> statement-breakpoint
-- A user's locale was copied from an organization's default when the account was made: never the person's own
-- choice. It now means the person's language; unknown (NULL) lets the page they ask from decide.
UPDATE `users` SET `locale` = NULL WHERE `locale` IN (SELECT `t`.`default_locale` FROM `tenants` `t` INNER JOIN `memberships` `m` ON `m`.`tenant_id` = `t`.`id` WHERE `m`.`user_id` = `users`.`id`);
