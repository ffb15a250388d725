import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstHour, perHour } from "./hourly.ts";
import { RISK_OUTCOMES } from "./policy.ts";

const HOUR = 3_600_000;

describe("perHour", () => {
  it("lists every hour of the range oldest first, with zeros where nothing happened", () => {
    const from = firstHour(Date.parse("2026-11-29T10:20:00Z"), 3);
    expect(new Date(from).toISOString()).toBe("2026-11-29T08:00:00.000Z");
    expect(
      perHour(
        [
          { hour: "2026-11-29T10", outcome: "block", n: 2 },
          { hour: "2026-11-29T08", outcome: "allow", n: 1 },
          { hour: "2026-11-29T07", outcome: "allow", n: 9 },
        ],
        from,
        3,
      ),
    ).toEqual([
      { hour: "2026-11-29T08:00:00.000Z", allow: 1, challenge: 0, block: 0 },
      { hour: "2026-11-29T09:00:00.000Z", allow: 0, challenge: 0, block: 0 },
      { hour: "2026-11-29T10:00:00.000Z", allow: 0, challenge: 0, block: 2 },
    ]);
  });

  it("counts each event of the range once, in its own hour (against counting the events one by one)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 * HOUR }), fc.constantFrom(...RISK_OUTCOMES))),
        fc.integer({ min: 1, max: 30 }),
        (events, hours) => {
          const now = Date.parse("2026-11-29T00:00:00Z") + 29 * HOUR + 1;
          const from = firstHour(now, hours);
          const at = events.map(([o, outcome]) => ({
            iso: new Date(Date.parse("2026-11-29T00:00:00Z") + o).toISOString(),
            outcome,
          }));
          const grouped = new Map<string, number>();
          for (const { iso, outcome } of at) {
            const key = `${iso.slice(0, 13)}|${outcome}`;
            grouped.set(key, (grouped.get(key) ?? 0) + 1);
          }
          const rows = [...grouped].map(([key, n]) => {
            const [hour = "", outcome = "allow"] = key.split("|");
            return { hour, outcome: outcome as (typeof RISK_OUTCOMES)[number], n };
          });
          const buckets = perHour(rows, from, hours);
          const inRange = at.filter(({ iso }) => Date.parse(iso) >= from && Date.parse(iso) < from + hours * HOUR);
          const total = buckets.reduce((sum, b) => sum + b.allow + b.challenge + b.block, 0);
          return buckets.length === hours && total === inRange.length;
        },
      ),
    );
  });
});
