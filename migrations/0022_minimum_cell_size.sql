-- Evidence (issue 13): the smallest number of people a published figure may count; smaller cells are suppressed
-- and small cohort groups in anonymous survey answers are stored as "other". Default 5; never below 3.
ALTER TABLE `tenants` ADD `minimum_cell_size` integer DEFAULT 5 NOT NULL;
