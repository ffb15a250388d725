import { describe, expect, it } from "vitest";
import { apiQuery, pageParamOf, spanOf, withFilter } from "./search-params.ts";

describe("search page parameters", () => {
  it("turns repeated parameters into the API's comma lists and price in 万 into fen", () => {
    expect(apiQuery(new URLSearchParams("body=suv&body=mpv&price=20-30&q=星澜&sort=price-asc"))).toEqual({
      body: "suv,mpv",
      priceMin: "20000000",
      priceMax: "30000000",
      q: "星澜",
      sort: "price-asc",
    });
  });

  it("reads open-ended spans and passes a span it cannot read to the API to be named", () => {
    expect(apiQuery(new URLSearchParams("range=600-&acceleration=-5"))).toEqual({
      rangeMin: "600",
      accelerationMax: "5",
    });
    expect(apiQuery(new URLSearchParams("price=cheap"))).toEqual({ priceMin: "cheap" });
  });

  it("toggles a list value, replaces a single one, drops the cursor and the radius with the city", () => {
    const params = new URLSearchParams("body=suv&after=abc&city=330100&within=50");
    expect(withFilter(params, "body", "mpv").toString()).toBe("city=330100&within=50&body=suv&body=mpv");
    expect(withFilter(params, "body", "suv").toString()).toBe("city=330100&within=50");
    expect(withFilter(params, "city").toString()).toBe("body=suv");
    expect(withFilter(params, "sort", "newest").get("sort")).toBe("newest");
  });

  it("writes a histogram bucket as the span that selects it", () => {
    expect(spanOf("price", 20_000_000, 25_000_000)).toBe("20-25");
    expect(spanOf("price", 0, 10_000_000)).toBe("-10");
    expect(spanOf("range", 800, null)).toBe("800-");
    expect(apiQuery(new URLSearchParams(`price=${spanOf("price", 20_000_000, 25_000_000)}`))).toEqual({
      priceMin: "20000000",
      priceMax: "25000000",
    });
  });

  it("maps the API's relax suggestions to the page parameter to drop", () => {
    expect(["deliveryDays", "near", "text", "body"].map(pageParamOf)).toEqual(["delivery", "city", "q", "body"]);
  });
});
