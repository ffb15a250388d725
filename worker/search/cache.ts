import { SearchIndex } from "../../domain/search/search-index.ts";
import { shanghaiDate } from "../../domain/time.ts";
import type { Database } from "../db/client.ts";
import { changedVehicles, loadListings } from "./load.ts";

/** How often an isolate asks D1 which vehicles changed: a sold car leaves results within this. */
const CHECK_MS = 1_000;
/** A full rebuild at least this often picks up catalogue edits (prices, new trims). */
const REBUILD_MS = 10 * 60_000;
const CHANGES_PER_CHECK = 500;

export type LiveIndex = { index: SearchIndex; images: Map<string, string>; builtAt: number };
/** `stale`: a vehicle came (back) into stock since the build; the next build lists it. */
type State = LiveIndex & { watermark: string; checkedAt: number; today: string; stale: boolean };
/** Runs a promise past the response (ctx.waitUntil), so that a rebuild never holds up a shopper. */
export type Background = (work: Promise<unknown>) => void;

let current: State | null = null;
let pending: Promise<State> | null = null;

/**
 * The isolate's search index, built from D1 on first use, rebuilt on a new day or every ten
 * minutes, and at most a second behind the inventory: sold or reserved vehicles are withdrawn in
 * place; a vehicle that is new or back in stock triggers a rebuild. With `background`, only the
 * first build is waited for: later rebuilds run past the response while the current index answers.
 * Concurrent requests share one build or check.
 */
export async function liveIndex(db: Database, now = Date.now(), background?: Background): Promise<LiveIndex> {
  const state = current;
  const today = shanghaiDate(now);
  if (!state) return once(() => build(db, now, today));
  const old = state.today !== today || now - state.builtAt > REBUILD_MS;
  const checked = old || now - state.checkedAt < CHECK_MS ? state : await once(() => refresh(db, state, now));
  if (!old && !checked.stale) return checked;
  const rebuilt = once(() => build(db, now, today));
  if (!background) return rebuilt;
  background(rebuilt);
  return checked;
}

function once(work: () => Promise<State>): Promise<State> {
  pending ??= work().then(
    (state) => {
      current = state;
      pending = null;
      return state;
    },
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

async function build(db: Database, now: number, today: string): Promise<State> {
  const { listings, images, watermark } = await loadListings(db, today);
  return {
    index: new SearchIndex(listings, today),
    images,
    watermark,
    builtAt: now,
    checkedAt: now,
    today,
    stale: false,
  };
}

async function refresh(db: Database, state: State, now: number): Promise<State> {
  const changes = await changedVehicles(db, state.watermark, CHANGES_PER_CHECK);
  let watermark = state.watermark;
  let stale = state.stale || changes.length === CHANGES_PER_CHECK;
  for (const change of changes) {
    const listed = change.status === "in_stock" || change.status === "in_transit";
    if (listed && !state.index.lists(change.vin)) stale = true;
    if (!listed) state.index.withdraw(change.vin);
    watermark = change.updatedAt;
  }
  return { ...state, watermark, checkedAt: now, stale };
}
