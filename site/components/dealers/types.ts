import type { z } from "@hono/zod-openapi";
import type { DealerDetailSchema } from "../../../worker/schemas/dealer.ts";
import type { SlotListSchema } from "../../../worker/schemas/test-drive.ts";

export type DealerDetail = z.infer<typeof DealerDetailSchema>;
export type TrimStock = DealerDetail["stock"][number]["trims"][number];
export type DemoTrim = DealerDetail["demoTrims"][number];
export type SlotList = z.infer<typeof SlotListSchema>;
