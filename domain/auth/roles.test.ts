import { describe, expect, it } from "vitest";
import { hasAnyRole, isRole, withRole } from "./roles.ts";

describe("roles", () => {
  it("lets any account through when no role is required, and otherwise needs one of them", () => {
    expect(hasAnyRole(["shopper"], [])).toBe(true);
    expect(hasAnyRole(["shopper"], ["ops", "admin"])).toBe(false);
    expect(hasAnyRole(["shopper", "ops"], ["ops", "admin"])).toBe(true);
  });

  it("adds a role once, in the canonical order", () => {
    expect(withRole(["shopper", "admin"], "ops")).toEqual(["shopper", "ops", "admin"]);
    expect(withRole(["shopper", "admin"], "admin")).toEqual(["shopper", "admin"]);
  });

  it("knows only the five roles", () => {
    expect(isRole("dealer")).toBe(true);
    expect(isRole("root")).toBe(false);
  });
});
