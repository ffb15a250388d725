import { describe, expect, it } from "vitest";
import { UA } from "../domain/personalization/user-agents.ts";
import {
  encodeVisitorCookie,
  importVisitorKey,
  type VisitorHistory,
} from "../domain/personalization/visitor-cookie.ts";
import {
  carry,
  configurationAt,
  configurationOf,
  edgeFor,
  edgeOf,
  finishPage,
  isPageRequest,
  previewOf,
  privateCacheControl,
  recordView,
  visitOf,
} from "./edge.ts";

const SECRET = "a-test-visitor-key-of-at-least-32-bytes";
const NOW = Date.parse("2026-11-20T10:00:00Z");
const env = { VISITOR_KEY: SECRET, ENVIRONMENT: "development" };
const history: VisitorHistory = {
  visitorId: "v-1",
  visits: 0,
  modelsViewed: [],
  financeInterest: false,
  lastConfiguration: null,
};

const request = (path: string, cookies: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  new Request(`https://marque.cn${path}`, {
    headers: {
      "user-agent": UA.chromeWindows,
      cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join("; "),
      ...headers,
    },
  });

const visitorCookie = async (value: VisitorHistory) =>
  encodeVisitorCookie(await importVisitorKey(SECRET), value, NOW + 86_400_000);
const cookieNamed = (cookies: string[], name: string) => cookies.find((c) => c.startsWith(`${name}=`));

describe("page requests", () => {
  it("are pages, not the API, built assets or files", () => {
    const page = (path: string) => isPageRequest(new URL(path, "https://marque.cn"));
    expect(["/", "/models/aurora", "/models/aurora/configure", "/finance"].map(page)).toEqual([true, true, true, true]);
    expect(["/api", "/api/models", "/_astro/index.B1.css", "/favicon.svg", "/robots.txt"].map(page)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("development previews", () => {
  it("place the visitor in the city of ?edge-city and on the device of ?edge-device", () => {
    const preview = previewOf(new URL("http://localhost/models/x?edge-city=130200&edge-device=phone"), "development");
    expect(preview.cf).toMatchObject({ country: "CN", city: "Tangshan", region: "Hebei" });
    expect(preview.userAgent).toContain("Mobile");
  });

  it("are ignored in production", () => {
    expect(previewOf(new URL("https://marque.cn/models/x?edge-city=130200&edge-device=phone"), "production")).toEqual(
      {},
    );
  });

  it("ignore unknown cities and devices", () => {
    expect(previewOf(new URL("http://localhost/?edge-city=999999&edge-device=toaster"), "development")).toEqual({});
  });
});

describe("the edge of a page request", () => {
  it("decides finance first for a tier-3 preview and spec comparison first for a tier-1 preview", async () => {
    const tier3 = await edgeFor(request("/models/aurora?edge-city=130200"), env, NOW);
    const tier1 = await edgeFor(request("/models/aurora?edge-city=110000"), env, NOW);
    expect(tier3.edge.context.tier).toBe("3");
    expect(tier3.edge.decision.actions.lead?.[0]).toBe("finance");
    expect(tier1.edge.decision.actions.lead?.[0]).toBe("spec-comparison");
    expect(tier3.edge.variant).toBe("tier-3-4-instalments,standard-page");
  });

  it("reads request.cf, and ignores the preview in production", async () => {
    const real = request("/models/aurora?edge-city=110000");
    Object.defineProperty(real, "cf", { value: { country: "CN", city: "Mianyang", region: "Sichuan" } });
    const page = await edgeFor(real, { ...env, ENVIRONMENT: "production" }, NOW);
    expect(page.edge.context.city).toBe("绵阳市");
    expect(page.edge.decision.actions.lead?.[0]).toBe("finance");
  });

  it("gives phones the compact layout, from the user agent or the client hints", async () => {
    const phone = await edgeFor(request("/", {}, { "user-agent": UA.iphoneSafari }), env, NOW);
    const hinted = await edgeFor(
      request("/", {}, { "sec-ch-ua-mobile": "?1", "user-agent": UA.chromeWindows }),
      env,
      NOW,
    );
    const desktop = await edgeFor(request("/"), env, NOW);
    expect([phone, hinted, desktop].map((p) => p.edge.decision.actions.layout)).toEqual([
      "compact",
      "compact",
      "standard",
    ]);
  });

  it("keeps nothing and deletes the visitor's cookies without consent", async () => {
    const stored = await visitorCookie({ ...history, visits: 3 });
    const page = await edgeFor(request("/", { marque_visitor: stored, marque_visit: "1" }), env, NOW);
    expect(page.edge.context.visits).toBe(0);
    expect(page.cookies).toHaveLength(2);
    expect(page.cookies.every((c) => c.includes("Max-Age=0"))).toBe(true);
    expect((await edgeFor(request("/"), env, NOW)).cookies).toEqual([]);
  });

  it("gives a consenting new visitor a signed, HttpOnly, Secure, Lax visitor cookie for 180 days", async () => {
    const page = await edgeFor(request("/", { marque_consent: "functional" }), env, NOW);
    const visitor = cookieNamed(page.cookies, "marque_visitor");
    expect(visitor).toMatch(
      /^marque_visitor=1\.[\w-]+\.[\w-]+; Max-Age=15552000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(cookieNamed(page.cookies, "marque_visit")).toMatch(/Max-Age=1800; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(page.edge.context.visitorId).not.toBeNull();
  });

  it("counts a new visit once, and offers a returning visitor their configuration", async () => {
    const stored = await visitorCookie({ ...history, lastConfiguration: "aurora?c=W21" });
    const cookies = { marque_consent: "functional", marque_visitor: stored };
    const again = await edgeFor(request("/", cookies), env, NOW);
    expect(again.edge.context.visits).toBe(1);
    expect(again.edge.decision.actions.resume).toBe(true);
    const sameVisit = await edgeFor(request("/", { ...cookies, marque_visit: String(NOW / 1000 - 60) }), env, NOW);
    expect(sameVisit.edge.context.visits).toBe(0);
    expect(sameVisit.cookies).toEqual([]);
  });

  it("treats a forged visitor cookie as a new visitor", async () => {
    const stored = await visitorCookie({ ...history, visits: 5, lastConfiguration: "aurora" });
    const forged = stored.replace(/\.[\w-]+$/, ".AAAA");
    const page = await edgeFor(request("/", { marque_consent: "functional", marque_visitor: forged }), env, NOW);
    expect(page.edge.context.visits).toBe(0);
    expect(page.edge.decision.actions.resume).toBeUndefined();
  });

  it("keeps no history without VISITOR_KEY", async () => {
    const page = await edgeFor(
      request("/", { marque_consent: "personalisation" }),
      { ENVIRONMENT: "development" },
      NOW,
    );
    expect(page.cookies).toEqual([]);
    expect(page.edge.context.visitorId).toBeNull();
  });
});

describe("the visitor's history", () => {
  it("counts visits before the current one", () => {
    expect(visitOf(null, true, "v-9")).toMatchObject({ visitorId: "v-9", visits: 0 });
    expect(visitOf({ ...history, visits: 2 }, true, "v-9").visits).toBe(3);
    expect(visitOf({ ...history, visits: 2 }, false, "v-9").visits).toBe(2);
  });

  it("remembers models viewed and finance interest only with personalisation consent", () => {
    const url = new URL("https://marque.cn/models/aurora");
    const viewed = { ...history, modelsViewed: ["nova", "aurora"], financeInterest: true };
    expect(recordView(viewed, url, null, "personalisation").modelsViewed).toEqual(["aurora", "nova"]);
    expect(recordView(viewed, url, null, "functional")).toMatchObject({ modelsViewed: [], financeInterest: false });
    expect(recordView(history, new URL("https://marque.cn/finance"), null, "personalisation").financeInterest).toBe(
      true,
    );
  });

  it("keeps the configuration being built, also from the configure page the visitor just left", () => {
    const home = new URL("https://marque.cn/");
    const left = new URL("https://marque.cn/models/aurora/configure?c=W21,!TOW");
    expect(recordView(history, left, null, "functional").lastConfiguration).toBe("aurora?c=W21,!TOW");
    expect(recordView(history, home, left, "functional").lastConfiguration).toBe("aurora?c=W21,!TOW");
    expect(
      recordView(history, home, new URL("https://evil.example/models/x/configure"), "functional").lastConfiguration,
    ).toBeNull();
  });

  it("keeps only the model when the choices would not fit the cookie", () => {
    const codes = Array.from({ length: 6 }, (_, i) => `OPTION-LONG-CODE-${i}`).join(",");
    const long = new URL(`https://marque.cn/models/aurora/configure?c=${codes}`);
    expect(configurationAt(long)).toBe("aurora");
  });

  it("reads a kept configuration back as a model and choices", () => {
    expect(configurationOf("aurora?c=W21,!TOW")).toEqual({
      slug: "aurora",
      choices: [
        { option: "W21", selected: true },
        { option: "TOW", selected: false },
      ],
    });
    expect(configurationOf("aurora")).toEqual({ slug: "aurora", choices: [] });
    expect(configurationOf("../admin")).toBeNull();
    expect(configurationOf(null)).toBeNull();
  });
});

describe("caching of page responses", () => {
  it("never lets a shared cache keep a personalised page", () => {
    expect(privateCacheControl("public, max-age=60, stale-while-revalidate=600")).toBe(
      "private, max-age=60, stale-while-revalidate=600",
    );
    expect(privateCacheControl("public, s-maxage=600")).toBe("private, no-cache");
    expect(privateCacheControl(null)).toBe("private, no-cache");
  });

  it("makes a page that read the edge private and names its variant", async () => {
    const ctx = {};
    const page = await edgeFor(request("/models/aurora?edge-city=130200"), env, NOW);
    carry(ctx, page);
    expect(edgeOf({ cfContext: ctx }).decision.actions.lead?.[0]).toBe("finance");
    const headers = new Headers({ "cache-control": "public, max-age=60" });
    finishPage(headers, page);
    expect(headers.get("cache-control")).toBe("private, max-age=60");
    expect(headers.get("x-marque-variant")).toBe("tier-3-4-instalments,standard-page");
  });

  it("leaves a page that did not read the edge and sets no cookie as the page cached it", async () => {
    const page = await edgeFor(request("/search"), env, NOW);
    const headers = new Headers({ "cache-control": "public, max-age=60" });
    finishPage(headers, page);
    expect(headers.get("cache-control")).toBe("public, max-age=60");
    expect(headers.get("x-marque-variant")).toBeNull();
  });

  it("makes a page that sets the visitor cookie private, whatever the page asked", async () => {
    const page = await edgeFor(request("/search", { marque_consent: "functional" }), env, NOW);
    const headers = new Headers({ "cache-control": "public, max-age=60" });
    finishPage(headers, page);
    expect(headers.get("cache-control")).toBe("private, max-age=60");
    expect(headers.getSetCookie()).toHaveLength(2);
  });
});
