CREATE TABLE `notification_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`channel` text NOT NULL,
	`due_at` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_kind_subject_idx` ON `notification_outbox` (`kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `outbox_status_due_idx` ON `notification_outbox` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `test_drive_cars` (
	`dealer_id` text NOT NULL,
	`trim_id` text NOT NULL,
	`cars` integer NOT NULL,
	PRIMARY KEY(`dealer_id`, `trim_id`),
	FOREIGN KEY (`dealer_id`) REFERENCES `dealers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- test_drive_bookings gains NOT NULL columns that SQLite cannot ADD to a table. Nothing has ever
-- written this table (booking arrives with this migration), so it is recreated instead of copied.
DROP TABLE `test_drive_bookings`;--> statement-breakpoint
CREATE TABLE `test_drive_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`dealer_id` text NOT NULL,
	`trim_id` text NOT NULL,
	`user_id` text,
	`phone_cipher` text NOT NULL,
	`phone_index` text NOT NULL,
	`name_cipher` text NOT NULL,
	`slot_start` text NOT NULL,
	`slot_end` text NOT NULL,
	`car_index` integer NOT NULL,
	`status` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`idempotency_key` text NOT NULL,
	`consent_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`dealer_id`) REFERENCES `dealers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_drive_bookings_idempotency_key_unique` ON `test_drive_bookings` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `bookings_dealer_slot_idx` ON `test_drive_bookings` (`dealer_id`,`slot_start`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_car_slot_idx` ON `test_drive_bookings` (`dealer_id`,`trim_id`,`slot_start`,`car_index`) WHERE status in ('booked', 'rescheduled', 'checked_in');--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_phone_slot_idx` ON `test_drive_bookings` (`dealer_id`,`slot_start`,`phone_index`) WHERE status in ('booked', 'rescheduled', 'checked_in');
