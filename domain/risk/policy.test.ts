import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CITIES } from "../geo/cities.ts";
import { distanceKm } from "../geo/distance.ts";
import { placeOf } from "./place.ts";
import { assess, type PastSignal, type Place, RISK_OUTCOMES, type Signal, waitText } from "./policy.ts";
import {
  IMPOSSIBLE_TRAVEL,
  MANY_ACCOUNTS,
  PAYMENT_FAILURES,
  PRINCIPAL_KINDS,
  RAPID_CONFIGURATION,
  RATE_LIMITS,
  RISK_ACTIONS,
} from "./thresholds.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse("2026-11-29T02:00:00Z");
const city = (name: string): Place => {
  const found = CITIES.find((c) => c.name === name);
  if (!found) throw new Error(name);
  return { lat: found.lat, lon: found.lon, city: found.name };
};
const beijing = city("北京市");
const shanghai = city("上海市");
const urumqi = city("乌鲁木齐市");
const langfang = city("廊坊市");

/** Replays signals through the policy as a guard does: each decided against what was recorded before it. */
function replay(kind: (typeof PRINCIPAL_KINDS)[number], signals: readonly (Signal & { at: number })[]) {
  const history: PastSignal[] = [];
  return signals.map(({ at, ...signal }) => {
    const decision = assess(kind, history, signal, at);
    if (decision.record) history.push({ ...signal, at });
    return decision;
  });
}

describe("sliding-window limits", () => {
  it("blocks the 11th sign-in of an account within the hour, and says when to retry", () => {
    const logins = Array.from({ length: 11 }, (_, i) => ({ action: "login" as const, at: T0 + i * MINUTE }));
    const decisions = replay("user", logins);
    expect(decisions.slice(0, 10).map((d) => d.outcome)).toEqual(Array(10).fill("allow"));
    expect(decisions[10]).toMatchObject({
      outcome: "block",
      rule: "rate-limit",
      retryAfterMs: 50 * MINUTE,
      record: false,
    });
    expect(decisions[10]?.message).toBe("操作过于频繁，请 50 分钟后再试 / Too many attempts; try again in 50 min");
  });

  it("never keeps more signals in any window than the limit (against a brute-force count)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RISK_ACTIONS.filter((a) => a !== "payment_failed")),
        fc.constantFrom(...PRINCIPAL_KINDS),
        fc.array(fc.integer({ min: 0, max: 2 * HOUR }), { maxLength: 250 }),
        (action, kind, offsets) => {
          const limit = RATE_LIMITS[action][kind];
          const times = offsets.sort((a, b) => a - b).map((o) => T0 + o);
          const decisions = replay(
            kind,
            times.map((at) => ({ action, at })),
          );
          const kept = times.filter((_, i) => decisions[i]?.record);
          if (!limit) return kept.length === times.length;
          const noWindowOverfull = kept.every(
            (at) => kept.filter((other) => other > at - limit.windowMs && other <= at).length <= limit.limit,
          );
          const blockedOnlyWhenFull = times.every((at, i) => {
            const d = decisions[i];
            if (d?.rule !== "rate-limit") return true;
            const before = kept.filter((other) => other > at - limit.windowMs && other <= at);
            return before.length >= limit.limit && (d.retryAfterMs ?? 0) > 0;
          });
          return noWindowOverfull && blockedOnlyWhenFull;
        },
      ),
    );
  });
});

describe("rapid configuration changes", () => {
  it("challenges a device from the 21st configuration check within a minute, but not an IP", () => {
    const checks = Array.from({ length: 22 }, (_, i) => ({ action: "configure" as const, at: T0 + i * 1000 }));
    const outcomes = replay("device", checks).map((d) => d.outcome);
    expect(outcomes.filter((o) => o === "allow")).toHaveLength(RAPID_CONFIGURATION.challengeAbove);
    expect(outcomes.slice(-2)).toEqual(["challenge", "challenge"]);
    expect(replay("device", checks).at(-1)?.rule).toBe("rapid-configuration");
    expect(replay("ip", checks).every((d) => d.outcome === "allow")).toBe(true);
  });

  it("allows again once the minute has passed", () => {
    const burst = Array.from({ length: 21 }, (_, i) => ({ action: "configure" as const, at: T0 + i }));
    const later = { action: "configure" as const, at: T0 + 21 + RAPID_CONFIGURATION.windowMs };
    expect(replay("device", [...burst, later]).at(-1)?.outcome).toBe("allow");
  });
});

describe("impossible travel", () => {
  it("challenges Beijing then Urumqi an hour later (about 2,400 km), naming both cities", () => {
    const [, second] = replay("user", [
      { action: "login", location: beijing, at: T0 },
      { action: "login", location: urumqi, at: T0 + HOUR },
    ]);
    expect(second).toMatchObject({ outcome: "challenge", rule: "impossible-travel", record: true });
    expect(second?.detail).toMatchObject({ from: "北京市", to: "乌鲁木齐市" });
    expect(Number(second?.detail.kmh)).toBeGreaterThan(2000);
  });

  it("allows Beijing then Shanghai two hours later, recorded as a new location for ops", () => {
    const [, second] = replay("user", [
      { action: "login", location: beijing, at: T0 },
      { action: "login", location: shanghai, at: T0 + 2 * HOUR },
    ]);
    expect(second).toMatchObject({ outcome: "allow", rule: "new-location", notable: true });
  });

  it("ignores nearby cities, unknown places, and other principals than accounts", () => {
    const nearby = replay("user", [
      { action: "login", location: beijing, at: T0 },
      { action: "login", location: langfang, at: T0 + 1 },
    ]);
    expect(nearby[1]).toMatchObject({ outcome: "allow", rule: "none", notable: false });
    const unknown = replay("user", [
      { action: "login", location: beijing, at: T0 },
      { action: "login", at: T0 + 1 },
      { action: "login", location: beijing, at: T0 + 2 },
    ]);
    expect(unknown.map((d) => d.outcome)).toEqual(["allow", "allow", "allow"]);
    const device = replay("device", [
      { action: "login", location: beijing, at: T0 },
      { action: "login", location: urumqi, at: T0 + 1 },
    ]);
    expect(device[1]?.outcome).toBe("allow");
  });

  it("also challenges the account's checkout for a day after, then lets it be", () => {
    const logins = [
      { action: "login" as const, location: beijing, at: T0 },
      { action: "login" as const, location: urumqi, at: T0 + HOUR },
    ];
    const soon = replay("user", [...logins, { action: "checkout", at: T0 + 2 * HOUR }]).at(-1);
    expect(soon).toMatchObject({ outcome: "challenge", rule: "impossible-travel" });
    const later = replay("user", [...logins, { action: "checkout", at: T0 + IMPOSSIBLE_TRAVEL.lookbackMs + 1 }]).at(-1);
    expect(later?.outcome).toBe("allow");
  });

  it("fires exactly when distance over time exceeds the speed limit (against the great-circle distance)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CITIES),
        fc.constantFrom(...CITIES),
        fc.integer({ min: 0, max: 20 * HOUR }),
        (a, b, gap) => {
          const [, second] = replay("user", [
            { action: "login", location: a, at: T0 },
            { action: "login", location: b, at: T0 + gap },
          ]);
          const km = distanceKm(a, b);
          const expected = km > IMPOSSIBLE_TRAVEL.minKm && km > (IMPOSSIBLE_TRAVEL.maxKmh * gap) / HOUR;
          return (second?.rule === "impossible-travel") === expected;
        },
      ),
    );
  });
});

describe("repeated payment failures", () => {
  const failures = (n: number, every = MINUTE) =>
    Array.from({ length: n }, (_, i) => ({ action: "payment_failed" as const, at: T0 + i * every }));

  it("shows ops the first two, challenges from the third, blocks from the fifth within 30 minutes", () => {
    const decisions = replay("user", failures(5));
    expect(decisions.map((d) => [d.outcome, d.rule])).toEqual([
      ["allow", "payment-failures"],
      ["allow", "payment-failures"],
      ["challenge", "payment-failures"],
      ["challenge", "payment-failures"],
      ["block", "payment-failures"],
    ]);
    expect(decisions.every((d) => d.notable && d.record)).toBe(true);
    expect(decisions[4]?.retryAfterMs).toBe(PAYMENT_FAILURES.windowMs - 4 * MINUTE);
  });

  it("gates the next checkout by the same counts, but not the IP", () => {
    const checkout = { action: "checkout" as const, at: T0 + 10 * MINUTE };
    expect(replay("user", [...failures(3), checkout]).at(-1)?.outcome).toBe("challenge");
    expect(replay("device", [...failures(5), checkout]).at(-1)?.outcome).toBe("block");
    expect(replay("ip", [...failures(5), checkout]).at(-1)?.outcome).toBe("allow");
    expect(replay("user", [...failures(2), checkout]).at(-1)).toMatchObject({ outcome: "allow", notable: false });
  });

  it("blocks exactly while five failures are in the window, and the wait ends the block (brute force)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * HOUR }), { minLength: 1, maxLength: 30 }), (offsets) => {
        const times = offsets.sort((a, b) => a - b).map((o) => T0 + o);
        const history: PastSignal[] = times.map((at) => ({ action: "payment_failed", at }));
        const now = (times.at(-1) ?? T0) + 1;
        const inWindow = (at: number) => times.filter((t) => t > at - PAYMENT_FAILURES.windowMs && t <= at).length;
        const decision = assess("user", history, { action: "checkout" }, now);
        const expected =
          inWindow(now) >= PAYMENT_FAILURES.blockAt
            ? "block"
            : inWindow(now) >= PAYMENT_FAILURES.challengeAt
              ? "challenge"
              : "allow";
        if (decision.outcome !== expected) return false;
        if (decision.outcome !== "block") return true;
        const wait = decision.retryAfterMs ?? 0;
        return inWindow(now + wait - 1) >= PAYMENT_FAILURES.blockAt && inWindow(now + wait) < PAYMENT_FAILURES.blockAt;
      }),
    );
  });
});

describe("many accounts on one device", () => {
  const signIns = (users: string[], every = MINUTE) =>
    users.map((subject, i) => ({ action: "login" as const, subject, at: T0 + i * every }));

  it("challenges the 4th and 5th distinct account in a day, blocks the 6th, and lets known ones back", () => {
    const decisions = replay("device", signIns(["u1", "u2", "u3", "u4", "u5", "u6", "u1"]));
    expect(decisions.map((d) => d.outcome)).toEqual([
      "allow",
      "allow",
      "allow",
      "challenge",
      "challenge",
      "block",
      "challenge",
    ]);
    expect(decisions[5]).toMatchObject({ rule: "many-accounts", record: false, detail: { accounts: 6 } });
    expect(decisions[5]?.retryAfterMs).toBe(MANY_ACCOUNTS.windowMs - 5 * MINUTE);
  });

  it("decides by distinct accounts in the window, and its wait ends the block (brute force)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 48 * HOUR }), fc.integer({ min: 1, max: 9 })), { maxLength: 30 }),
        fc.integer({ min: 1, max: 9 }),
        (logins, newcomer) => {
          const history: PastSignal[] = logins.map(([o, u]) => ({ action: "login", subject: `u${u}`, at: T0 + o }));
          const now = T0 + 48 * HOUR + 1;
          const distinct = (at: number) =>
            new Set([
              `u${newcomer}`,
              ...history.filter((s) => s.at > at - MANY_ACCOUNTS.windowMs && s.at <= at).map((s) => s.subject),
            ]).size;
          const decision = assess("device", history, { action: "login", subject: `u${newcomer}` }, now);
          const n = distinct(now);
          const expected =
            n > MANY_ACCOUNTS.blockAbove ? "block" : n > MANY_ACCOUNTS.challengeAbove ? "challenge" : "allow";
          if (decision.outcome !== expected) return false;
          if (expected !== "block") return true;
          const wait = decision.retryAfterMs ?? 0;
          return (
            distinct(now + wait - 1) > MANY_ACCOUNTS.blockAbove && distinct(now + wait) <= MANY_ACCOUNTS.blockAbove
          );
        },
      ),
    );
  });
});

describe("the decision", () => {
  it("is the strictest of the rules that apply, with a bilingual message", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRINCIPAL_KINDS),
        fc.array(fc.tuple(fc.constantFrom(...RISK_ACTIONS), fc.integer({ min: 0, max: 3 * HOUR })), { maxLength: 40 }),
        (kind, signals) => {
          const decisions = replay(
            kind,
            signals.sort((a, b) => a[1] - b[1]).map(([action, o]) => ({ action, at: T0 + o })),
          );
          return decisions.every(
            (d) =>
              RISK_OUTCOMES.includes(d.outcome) &&
              / \/ /.test(d.message) &&
              (d.outcome === "block") === (d.retryAfterMs !== undefined) &&
              (d.outcome === "allow" || d.notable),
          );
        },
      ),
    );
  });

  it("words waits in seconds, then in minutes rounded up", () => {
    expect(waitText(1)).toBe("1 秒 / 1 s");
    expect(waitText(119_000)).toBe("119 秒 / 119 s");
    expect(waitText(120_001)).toBe("3 分钟 / 3 min");
  });
});

describe("placeOf", () => {
  it("places mainland requests at their city, others at their own coordinates, and unknown ones nowhere", () => {
    expect(placeOf({ country: "CN", city: "Urumqi" })).toEqual(urumqi);
    expect(placeOf({ country: "CN", latitude: "31.3", longitude: "121.5" })).toEqual(shanghai);
    expect(placeOf({ country: "US", city: "Austin", latitude: "30.27", longitude: "-97.74" })).toEqual({
      lat: 30.27,
      lon: -97.74,
      city: "Austin",
    });
    expect(placeOf({ country: "US" })).toBeUndefined();
    expect(placeOf(undefined)).toBeUndefined();
  });
});
