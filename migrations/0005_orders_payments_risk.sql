CREATE TABLE `build_slot_claims` (
	`order_id` text PRIMARY KEY NOT NULL,
	`trim_id` text NOT NULL,
	`week` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `build_slot_claims_trim_week_idx` ON `build_slot_claims` (`trim_id`,`week`);--> statement-breakpoint
CREATE TABLE `partner_simulator_records` (
	`partner` text NOT NULL,
	`key` text NOT NULL,
	`reference` text NOT NULL,
	`status` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`partner`, `key`)
);
--> statement-breakpoint
CREATE TABLE `payment_channels` (
	`channel` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`opened_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text,
	`channel` text NOT NULL,
	`received_at` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`order_id` text,
	`payment_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_webhooks_event_idx` ON `payment_webhooks` (`channel`,`event_id`);--> statement-breakpoint
CREATE INDEX `payment_webhooks_received_idx` ON `payment_webhooks` (`received_at`);--> statement-breakpoint
CREATE TABLE `risk_events` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`principal` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`rule` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `risk_events_at_idx` ON `risk_events` (`at`);--> statement-breakpoint
CREATE INDEX `risk_events_principal_idx` ON `risk_events` (`principal`,`at`);--> statement-breakpoint
CREATE TABLE `vehicle_holds` (
	`vin` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vin`) REFERENCES `inventory_vehicles`(`vin`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vehicle_holds_order_id_unique` ON `vehicle_holds` (`order_id`);--> statement-breakpoint
CREATE INDEX `vehicle_holds_expires_idx` ON `vehicle_holds` (`expires_at`);--> statement-breakpoint
ALTER TABLE `orders` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancel_reason` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_user_idempotency_idx` ON `orders` (`user_id`,`idempotency_key`);