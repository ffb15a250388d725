/**
 * Benchmark: the configurator's reasoning at two scales, a car-sized model (400 options, 300 rules)
 * and a generated industrial-scale feature model (18,000 features, 1,300 cross-tree constraints):
 * load and compile time (with the reasoner's own warm-up, timed apart), CNF size, heap after loading,
 * and Reasoner.propagate after each click of a simulated shopper who starts right after the load, beside the product issue's budgets and beside logic-solver (MiniSat compiled to
 * JavaScript) computing the same states for the same clicks. Exits non-zero when the two disagree.
 * On the industrial model it also reports how far exact counting of the valid configurations gets
 * within a time budget (the feature tree alone, then with more and more cross-tree constraints).
 *
 * The budgeted click is Reasoner.propagate: the state of every option, read by the page. The rest of
 * what the configure page gets is reported beside it, not inside it: "why" (Reasoner.explain) is
 * computed on demand, when a shopper opens an unavailable option, and the count of valid
 * configurations (Knowledge.count, on a d-DNNF) is asked for after each click with its own budget,
 * both as the page asks today and with the d-DNNF compiled ahead in idle slices (Knowledge.warmUp).
 * Each scenario prints the load average and the machine's noise (a fixed loop timed like a click).
 *
 *   npm run bench -- configurator
 *   npx node bench/configurator.ts car-sized   # one scenario (car-sized or industrial)
 */
import { spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Solution, Solver } from "logic-solver";
import Logic from "logic-solver";
import type { CompiledModel } from "../domain/configurator/compile.ts";
import { compileModel } from "../domain/configurator/compile.ts";
import { compileDdnnf, countModels } from "../domain/configurator/ddnnf.ts";
import type { Random } from "../domain/configurator/generate-model.ts";
import { carSizedModel, industrialModel, modelStats } from "../domain/configurator/generate-model.ts";
import { Knowledge } from "../domain/configurator/knowledge.ts";
import type { ProductModel } from "../domain/configurator/product-model.ts";
import { parseProductModel } from "../domain/configurator/product-model.ts";
import type { Choice } from "../domain/configurator/reasoner.ts";
import { DEFAULT_BUDGET_MS, Reasoner } from "../domain/configurator/reasoner.ts";
import { SatSolver } from "../domain/configurator/sat.ts";
import { mulberry32 } from "../domain/random.ts";

/** What one side computed for one click: the forced and excluded options, or why there are none. */
type Outcome =
  | { status: "ok"; forced: string[]; excluded: string[]; free: string[] }
  | { status: "gave-up" | "timed-out" | "contradiction" };

interface Click {
  choices: Choice[];
  /** performance.now() when the click started, and how long it took. */
  at: number;
  ms: number;
  outcome: Outcome;
}

interface Scenario {
  label: string;
  model: () => ProductModel;
  clicks: number;
  /** Clicks the peer makes before its timed replay, so that logic-solver is JIT-warm too (ours warms itself at load). */
  peerWarmupClicks: number;
  peerClicks: number;
  /** Time after which the peer's click is counted as timed out. */
  peerCapMs: number;
  budgets: { clickP95Ms: number; loadMs: number | null; heapMb: number | null };
  /** Exact counting with the d-DNNF compiler: time allowed to each attempt, and to the full model. */
  counting?: { stepMs: number; fullMs: number };
  /** The configure page's other work around a click: explanations on demand, the count with its budget. */
  page?: { explainClicks: number; countClicks: number; countBudgetMs: number; countSliceMs: number };
}

const SCENARIOS: Scenario[] = [
  {
    label: "car-sized",
    model: () => carSizedModel(1),
    clicks: 200,
    peerWarmupClicks: 30,
    peerClicks: 200,
    peerCapMs: 2_000,
    budgets: { clickP95Ms: 1, loadMs: null, heapMb: null },
    page: { explainClicks: 40, countClicks: 30, countBudgetMs: 300, countSliceMs: 30 },
  },
  {
    label: "industrial",
    model: () => industrialModel(1),
    clicks: 50,
    peerWarmupClicks: 0,
    peerClicks: 10,
    peerCapMs: 5_000,
    budgets: { clickP95Ms: 50, loadMs: 3_000, heapMb: 250 },
    counting: { stepMs: 5_000, fullMs: 10_000 },
  },
];

const MB = 1024 * 1024;

/** Garbage collections of this process (start and duration, ms), to tell which slow clicks met one. */
const collections: { start: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, ms: entry.duration });
}).observe({ entryTypes: ["gc"] });
/** Times the session's clicks are replayed with the code warm (reported beside, not budgeted). */
const WARM_ROUNDS = 3;

/** heapUsed after a full collection (when node runs with --expose-gc). */
function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * The p-th percentile (nearest rank) of `values`.
 * @example percentile([3, 1, 2], 50) // 2
 */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => (Number.isNaN(value) ? "—" : value < 10 ? value.toFixed(3) : value.toFixed(1));
const within = (value: number, budget: number | null) => (budget === null ? "" : value <= budget ? "yes" : "NO");

// ─── Our side ─────────────────────────────────────────────────────────────────────────────────────

/** Our reasoner's answer as an Outcome. */
function ours(reasoner: Reasoner, choices: readonly Choice[]): Outcome {
  const result = reasoner.propagate(choices, DEFAULT_BUDGET_MS);
  if (result.status !== "ok") return { status: result.status };
  const byState: Record<string, string[]> = { forced: [], excluded: [], free: [] };
  for (const [code, state] of result.states) byState[state]?.push(code);
  return { status: "ok", forced: byState.forced ?? [], excluded: byState.excluded ?? [], free: byState.free ?? [] };
}

/**
 * Finds a free option when the reasoner gave up, so that the session can go on: a random option not
 * yet decided that can be both chosen and refused under the choices (two SAT calls).
 */
function sampleFree(driver: SatSolver, compiled: CompiledModel, choices: readonly Choice[], random: Random) {
  const decided = new Set(choices.map((choice) => choice.option));
  const lits = choices.map((c) => (c.selected ? 1 : -1) * (compiled.varOf.get(c.option) as number));
  for (let tries = 0; tries < 200; tries++) {
    const option = compiled.model.options[Math.floor(random() * compiled.optionCount)]?.code as string;
    if (decided.has(option)) continue;
    const v = compiled.varOf.get(option) as number;
    if (driver.solve([...lits, v]) === "sat" && driver.solve([...lits, -v]) === "sat") return [option];
  }
  return [];
}

/**
 * A shopper session: from no choices, repeatedly choose (or refuse, at random) a random free option,
 * timing Reasoner.propagate for each click; starts over when nothing is free any more.
 */
function shop(reasoner: Reasoner, compiled: CompiledModel, clicks: number, seed: number) {
  const random = mulberry32(seed);
  const driver = new SatSolver(compiled.cnf.numVars);
  for (const clause of compiled.cnf.clauses) driver.addClause(clause);
  const freeAfter = (choices: Choice[], outcome: Outcome) =>
    outcome.status === "ok" ? outcome.free : sampleFree(driver, compiled, choices, random);
  const log: Click[] = [];
  const starts: number[] = [];
  let choices: Choice[] = [];
  let free: string[] = [];
  while (log.length < clicks) {
    if (free.length === 0) {
      choices = [];
      const started = performance.now();
      const outcome = ours(reasoner, choices);
      starts.push(performance.now() - started);
      free = freeAfter(choices, outcome);
      if (free.length === 0) throw new Error("nothing is free before any choice");
    }
    const option = free[Math.floor(random() * free.length)] as string;
    choices = [...choices, { option, selected: random() < 0.5 }];
    const started = performance.now();
    const outcome = ours(reasoner, choices);
    log.push({ choices, at: started, ms: performance.now() - started, outcome });
    if (outcome.status === "contradiction") throw new Error(`choosing the free option ${option} contradicted`);
    free = freeAfter(choices, outcome);
  }
  return { log, starts };
}

// ─── The peer: logic-solver ───────────────────────────────────────────────────────────────────────

/**
 * The same backbone with logic-solver's API, the straightforward way: one solveAssuming for each
 * undecided option's opposite value, skipping options whose opposite value a model found during this
 * click already shows (model-based filtering).
 */
class PeerBackbone {
  private readonly solver: Solver;
  private readonly num: number[] = [0];
  private readonly compiled: CompiledModel;

  constructor(compiled: CompiledModel) {
    this.compiled = compiled;
    const solver = new Logic.Solver();
    this.solver = solver;
    for (let v = 1; v <= compiled.cnf.numVars; v++) this.num.push(solver.getVarNum(`v${v}`));
    Logic.disablingAssertions(() => {
      for (const clause of compiled.cnf.clauses) solver.require(Logic.or(clause.map((lit) => this.term(lit))));
    });
  }

  propagate(choices: readonly Choice[], deadline: number): Outcome {
    return Logic.disablingAssertions(() => this.backbone(choices, deadline));
  }

  private term(lit: number): number {
    return Math.sign(lit) * (this.num[Math.abs(lit)] as number);
  }

  private backbone(choices: readonly Choice[], deadline: number): Outcome {
    const { varOf, optionCount, model } = this.compiled;
    const lits = choices.map((c) => (c.selected ? 1 : -1) * (varOf.get(c.option) as number));
    const base = lits.length === 0 ? Logic.TRUE : Logic.and(lits.map((lit) => this.term(lit)));
    const first = this.solver.solveAssuming(base);
    if (first === null) return { status: "contradiction" };
    const decided = new Set(lits.map(Math.abs));
    let open: number[] = [];
    for (let v = 1; v <= optionCount; v++)
      if (!decided.has(v)) open.push(first.evaluate(this.num[v] as number) ? v : -v);
    const backbone: number[] = [];
    while (open.length > 0) {
      if (performance.now() > deadline) return { status: "timed-out" };
      const lit = open[0] as number;
      const witness = this.solver.solveAssuming(Logic.and(base, this.term(-lit)));
      if (witness === null) {
        backbone.push(lit);
        open = open.slice(1);
      } else {
        open = open.slice(1).filter((other) => this.holds(witness, other));
      }
    }
    const code = (lit: number) => model.options[Math.abs(lit) - 1]?.code as string;
    const forced = backbone.filter((lit) => lit > 0).map(code);
    const excluded = backbone.filter((lit) => lit < 0).map(code);
    const fixed = new Set([...forced, ...excluded, ...choices.map((c) => c.option)]);
    return { status: "ok", forced, excluded, free: model.options.map((o) => o.code).filter((c) => !fixed.has(c)) };
  }

  private holds(solution: Solution, lit: number): boolean {
    return solution.evaluate(this.term(lit));
  }
}

/**
 * Replays the clicks with the peer, on a fresh logic-solver for each click (built from the CNF, not
 * timed): logic-solver keeps every assumption's variable and clauses for ever, and each later
 * solution copies its table of them, so one solver kept for a whole session slows down
 * quadratically and overflows MiniSat's fixed 64 MB heap after some tens of thousands of calls.
 * A click that takes longer than `capMs` counts as timed out (at its cap time).
 */
function replay(compiled: CompiledModel, clicks: readonly Click[], capMs: number) {
  const builds: number[] = [];
  const log = clicks.map(({ choices }) => {
    const built = performance.now();
    const peer = new PeerBackbone(compiled);
    const started = performance.now();
    builds.push(started - built);
    const outcome = peer.propagate(choices, started + capMs);
    return { choices, at: started, ms: performance.now() - started, outcome };
  });
  return { log, builds };
}

/** Clicks where both sides answered, and those where their forced/excluded sets differ. */
function compare(mine: readonly Click[], theirs: readonly Click[]) {
  let compared = 0;
  const differing: number[] = [];
  const key = (outcome: Outcome) =>
    outcome.status === "ok" ? `${[...outcome.forced].sort()}|${[...outcome.excluded].sort()}` : outcome.status;
  theirs.forEach((peerClick, i) => {
    const own = mine[i] as Click;
    if (own.outcome.status !== "ok" || peerClick.outcome.status !== "ok") return;
    compared++;
    if (key(own.outcome) !== key(peerClick.outcome)) differing.push(i);
  });
  return { compared, differing };
}

// ─── Reporting ────────────────────────────────────────────────────────────────────────────────────

function load(model: ProductModel) {
  const json = JSON.stringify(model);
  const heapBefore = heapUsed();
  const started = performance.now();
  const parsed = parseProductModel(JSON.parse(json));
  if (!parsed.ok) throw new Error(`generated model is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const validated = performance.now();
  const compiled = compileModel(parsed.model);
  const reasoner = new Reasoner(compiled);
  const constructed = performance.now();
  const warmUpClicks = reasoner.warmUp();
  const done = performance.now();
  return {
    compiled,
    reasoner,
    heapBefore,
    heapAfterLoad: heapUsed(),
    parseMs: validated - started,
    compileMs: constructed - validated,
    warmUpMs: done - constructed,
    warmUpClicks,
  };
}

type Row = { measure: string; value: string; budget: string; within: string };

const row = (measure: string, value: string, budget = "", inBudget = ""): Row => ({
  measure,
  value,
  budget,
  within: inBudget,
});

/** Percentile rows for one side's click times; the p95 row carries the budget. */
function clickRows(label: string, clicks: readonly Click[], budget: number | null, tail: boolean): Row[] {
  const times = clicks.map((click) => click.ms);
  const at = (name: string, value: number, b: number | null = null) =>
    row(`${label} ${name}`, `${ms(value)} ms`, b === null ? "" : `p95 ≤ ${b} ms`, within(value, b));
  const rows = [at("p50", percentile(times, 50)), at("p95", percentile(times, 95), budget)];
  if (tail) rows.push(at("p99", percentile(times, 99)), at("max", Math.max(...times)));
  return rows;
}

/** The peer's time over ours at p50 and p95, on the clicks where both answered. */
function peerRatio(mine: readonly Click[], theirs: readonly Click[]): Row {
  const answered = (click: Click | undefined) => click?.outcome.status === "ok";
  const pairs = theirs.flatMap((peerClick, i) => (answered(peerClick) && answered(mine[i]) ? [i] : []));
  const label = `ratio peer / ours, p50 and p95 (${pairs.length} clicks both answered)`;
  if (pairs.length === 0) return row(label, "n/a");
  const ownTimes = pairs.map((i) => (mine[i] as Click).ms);
  const peerTimes = pairs.map((i) => (theirs[i] as Click).ms);
  const at = (p: number) => (percentile(peerTimes, p) / percentile(ownTimes, p)).toFixed(1);
  return row(label, `${at(50)}×, ${at(95)}×`);
}

function countStatus(clicks: readonly Click[], status: Outcome["status"]): number {
  return clicks.filter((click) => click.outcome.status === status).length;
}

function printModel(model: ProductModel, compiled: CompiledModel, generateMs: number): void {
  const stats = modelStats(model);
  console.table([
    {
      options: stats.options,
      rules: stats.rules,
      groups: stats.groups,
      "alternative share": stats.alternativeShare.toFixed(2),
      depth: stats.depth,
      "CNF vars": compiled.cnf.numVars,
      "CNF clauses": compiled.cnf.clauses.length,
      "generated in": `${ms(generateMs)} ms`,
    },
  ]);
}

function loadRows(loaded: ReturnType<typeof load>, heapAfterClicks: number, budgets: Scenario["budgets"]): Row[] {
  const loadMs = loaded.parseMs + loaded.compileMs + loaded.warmUpMs;
  const heapRow = (measure: string, bytes: number) => {
    const mb = bytes / MB;
    const budget = budgets.heapMb === null ? "" : `${budgets.heapMb} MB`;
    return row(measure, `${mb.toFixed(1)} MB`, budget, within(mb, budgets.heapMb));
  };
  return [
    row("parse + validate (zod)", `${ms(loaded.parseMs)} ms`),
    row("compileModel + new Reasoner", `${ms(loaded.compileMs)} ms`),
    row(`reasoner.warmUp() (${loaded.warmUpClicks} clicks of its own, part of the load)`, `${ms(loaded.warmUpMs)} ms`),
    row(
      "load and compile (total)",
      `${ms(loadMs)} ms`,
      budgets.loadMs === null ? "" : `${budgets.loadMs / 1000} s`,
      within(loadMs, budgets.loadMs),
    ),
    heapRow("heap used after loading (Δ)", loaded.heapAfterLoad - loaded.heapBefore),
    heapRow("heap used after the clicks (Δ)", heapAfterClicks - loaded.heapBefore),
  ];
}

/**
 * The session's clicks again, `rounds` times over, with the code warm: what a click costs once the
 * JIT has compiled the reasoner (the session itself starts nearly cold), for reading the figures
 * beside the budgeted ones.
 */
function replayWarm(reasoner: Reasoner, clicks: readonly Click[], rounds: number): Click[] {
  const again: Click[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const { choices } of clicks) {
      const started = performance.now();
      const outcome = ours(reasoner, choices);
      again.push({ choices, at: started, ms: performance.now() - started, outcome });
    }
  }
  return again;
}

/** Garbage collections that ran during a click. */
const collectionsDuring = (click: Click) =>
  collections.filter((gc) => gc.start < click.at + click.ms && gc.start + gc.ms > click.at);

/** How often the clicks met a garbage collection, and how long those collections took. */
function collectionsRow(log: readonly Click[]): Row {
  const met = log.map(collectionsDuring);
  const count = met.reduce((sum, during) => sum + during.length, 0);
  const total = met.flat().reduce((sum, gc) => sum + gc.ms, 0);
  return row(
    "  garbage collections during the clicks (per click; their total time)",
    `${count} in ${log.length} clicks (${(count / log.length).toFixed(3)}); ${ms(total)} ms`,
  );
}

/** The first clicks after load (the coldest) beside the rest. */
function firstClicksRow(log: readonly Click[], first: number): Row {
  const times = log.map((click) => click.ms);
  const head = times.slice(0, first);
  const rest = times.slice(first);
  return row(
    `  first ${first} clicks after load: p50 / max (the other ${rest.length}: p50 / max)`,
    `${ms(percentile(head, 50))} / ${ms(Math.max(...head))} ms (${ms(percentile(rest, 50))} / ${ms(Math.max(...rest))} ms)`,
  );
}

/**
 * The clicks over the budget, how many of them a garbage collection ran during, and how many took
 * over the budget again in every warm replay (`warm`: the log replayed round after round), i.e. were
 * slow by their own work rather than by preemption, a collection or code V8 had not optimised yet.
 */
function slowClicksRow(log: readonly Click[], warm: readonly Click[], budgetMs: number): Row {
  const slow = log.flatMap((click, i) => (click.ms > budgetMs ? [i] : []));
  const collected = slow.filter((i) => collectionsDuring(log[i] as Click).length > 0);
  const replays = (i: number) => warm.filter((_, k) => k % log.length === i);
  const working = slow.filter((i) => replays(i).every((again) => again.ms > budgetMs));
  return row(
    `  clicks over ${budgetMs} ms; those a garbage collection ran during; those over it in every warm replay too`,
    `${slow.length} of ${log.length}; ${collected.length}; ${working.length}`,
  );
}

function oursRows(session: ReturnType<typeof shop>, warm: readonly Click[], budgets: Scenario["budgets"]): Row[] {
  const { log, starts } = session;
  const gaveUp = countStatus(log, "gave-up");
  return [
    row(`session start: propagate([]) (${starts.length}×, median)`, `${ms(percentile(starts, 50))} ms`),
    ...clickRows(`a click, ours (${log.length} clicks)`, log, budgets.clickP95Ms, true),
    slowClicksRow(log, warm, budgets.clickP95Ms),
    firstClicksRow(log, 20),
    collectionsRow(log),
    ...clickRows(`  same clicks replayed warm (${warm.length}, not budgeted)`, warm, null, false),
    row(
      "  clicks where ours gave up",
      `${gaveUp} of ${log.length}`,
      `budget ${DEFAULT_BUDGET_MS} ms per call`,
      gaveUp === 0 ? "yes" : "NO",
    ),
  ];
}

function peerRows(peer: ReturnType<typeof replay>, mine: readonly Click[], capMs: number): Row[] {
  return [
    row("peer: new logic-solver from the CNF (per click, not timed)", `${ms(percentile(peer.builds, 50))} ms`),
    ...clickRows(`a click, peer (${peer.log.length} clicks)`, peer.log, null, false),
    row(
      "  clicks where the peer timed out",
      `${countStatus(peer.log, "timed-out")} of ${peer.log.length}`,
      `cap ${capMs} ms`,
    ),
    peerRatio(mine, peer.log),
  ];
}

// ─── The page's other work: why, and how many ─────────────────────────────────────────────────────

/**
 * Reasoner.explain for one forced or excluded option after each of up to `clicks` clicks of the
 * session (spread over it): what opening an unavailable option costs. Not part of a click: the page
 * asks only when the shopper does.
 */
function explainRows(reasoner: Reasoner, log: readonly Click[], clicks: number): Row[] {
  const times: number[] = [];
  let unexplained = 0;
  const step = Math.max(1, Math.floor(log.length / clicks));
  for (let i = 0; i < log.length && times.length < clicks; i += step) {
    const { choices, outcome } = log[i] as Click;
    if (outcome.status !== "ok") continue;
    const option = outcome.excluded[0] ?? outcome.forced[0];
    if (option === undefined) continue;
    const started = performance.now();
    const why = reasoner.explain(choices, option, DEFAULT_BUDGET_MS);
    times.push(performance.now() - started);
    if (why.status !== "ok") unexplained++;
  }
  const label = `why (explain, on demand: when a shopper opens an unavailable option; ${times.length} clicks)`;
  return [
    row(`${label} p50`, `${ms(percentile(times, 50))} ms`),
    row(`${label} p95`, `${ms(percentile(times, 95))} ms`),
    row("  explanations not found", `${unexplained} of ${times.length}`, "", unexplained === 0 ? "yes" : "NO"),
  ];
}

/** One Knowledge.count call: how long it took and whether it answered. */
type Counted = { ms: number; ok: boolean };

function countEach(knowledge: Knowledge, clicks: readonly Click[], budgetMs: number): Counted[] {
  return clicks.map(({ choices }) => {
    const started = performance.now();
    const counted = knowledge.count(choices, budgetMs);
    return { ms: performance.now() - started, ok: counted.status === "ok" };
  });
}

const p50p95 = (counts: readonly Counted[]) => {
  const times = counts.map((c) => c.ms);
  return `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))} ms`;
};

/**
 * The count the page shows after each click (Knowledge.count with the page's budget), two ways:
 * as the page asks today, where the first calls compile the d-DNNF a budget at a time and give up
 * until it is done; and with the page compiling ahead in idle slices (Knowledge.warmUp) from load,
 * timed from the end of the load to the first exact count, then the count after each click.
 */
function countRows(model: ProductModel, log: readonly Click[], clicks: number, budgetMs: number, sliceMs: number) {
  const sample = log.slice(0, clicks);
  const asked = countEach(new Knowledge(model), sample, budgetMs);
  const firstAnswer = asked.findIndex((c) => c.ok);
  const spentBefore = asked.slice(0, firstAnswer < 0 ? asked.length : firstAnswer + 1).reduce((t, c) => t + c.ms, 0);
  const answeredAfter = asked.slice(firstAnswer + 1);
  const ahead = new Knowledge(model);
  const startedAhead = performance.now();
  let slices = 1;
  while (ahead.warmUp(sliceMs) === "pending") slices++;
  const warmUpMs = performance.now() - startedAhead;
  const perClick = countEach(ahead, sample, budgetMs);
  const toFirst = warmUpMs + (perClick[0]?.ms ?? Number.NaN);
  const given = (counts: readonly Counted[]) => `${counts.filter((c) => c.ok).length} of ${counts.length}`;
  return [
    row(
      `count as the page asks today (budget ${budgetMs} ms a call): calls until the first exact count, time spent`,
      firstAnswer < 0
        ? `none in ${asked.length} calls, ${ms(spentBefore)} ms`
        : `${firstAnswer + 1}, ${ms(spentBefore)} ms`,
    ),
    row(
      `  then a count per click, p50 / p95 (${answeredAfter.length} clicks; given)`,
      `${p50p95(answeredAfter)}; ${given(answeredAfter)}`,
    ),
    row(
      `count with Knowledge.warmUp(${sliceMs}) in idle time from load: time to the first exact count (${slices} slices)`,
      `${ms(toFirst)} ms (compiling ${ms(warmUpMs)} ms)`,
    ),
    row(
      `  then a count per click, p50 / p95 (${perClick.length} clicks; given)`,
      `${p50p95(perClick)}; ${given(perClick)}`,
      `${budgetMs} ms`,
      perClick.every((c) => c.ok && c.ms <= budgetMs) ? "yes" : "NO",
    ),
  ];
}

// ─── Counting ─────────────────────────────────────────────────────────────────────────────────────

/** A count of up to hundreds of digits, readable: "4.21 × 10^1727 (1728 digits)". */
function bigCount(count: bigint): string {
  const digits = count.toString();
  if (digits.length <= 12) return digits;
  return `${digits[0]}.${digits.slice(1, 3)} × 10^${digits.length - 1} (${digits.length} digits)`;
}

/** One exact counting attempt: the model with its first `rules` cross-tree constraints, within `ms`. */
function countAttempt(model: ProductModel, rules: number, ms: number): Row & { ok: boolean } {
  const compiled = compileModel({ ...model, rules: model.rules.slice(0, rules) });
  const started = performance.now();
  const result = compileDdnnf(compiled.cnf, { ms });
  const count = result.ok ? countModels(result.ddnnf) : null;
  const took = performance.now() - started;
  const label = `exact count, ${rules} of ${model.rules.length} constraints${rules === 0 ? " (the tree alone)" : ""}`;
  const value = result.ok
    ? `${bigCount(count as bigint)}, d-DNNF ${result.ddnnf.size} nodes`
    : `gave up (${result.reason})`;
  return { ...row(label, value, `${ms / 1000} s`, `${(took / 1000).toFixed(1)} s`), ok: result.ok };
}

/**
 * How far exact counting (d-DNNF compilation, then a linear pass) gets on the model: the feature tree
 * alone, then with more and more of its cross-tree constraints (doubling) until an attempt runs out
 * of time, then the full model.
 */
function printCounting(model: ProductModel, { stepMs, fullMs }: { stepMs: number; fullMs: number }): void {
  const rows: Row[] = [];
  for (let rules = 0; rules < model.rules.length; rules = Math.max(8, 2 * rules)) {
    const attempt = countAttempt(model, rules, stepMs);
    rows.push(attempt);
    if (!attempt.ok) break;
  }
  rows.push(countAttempt(model, model.rules.length, fullMs));
  console.log("counting valid configurations (columns: budget = time allowed, within = time taken)");
  console.table(rows.map(({ measure, value, budget, within }) => ({ measure, value, budget, within })));
}

/** The machine's load, since wall-clock figures on a shared machine depend on it. */
function machineLoad(): string {
  const [one, five] = loadavg().map((x) => x.toFixed(1));
  return `load average ${one} (1 min), ${five} (5 min) on ${availableParallelism()} cores`;
}

/**
 * How much the machine itself stretches short timings right now: a fixed loop about as long as a
 * click timed 1,000 times (on an idle machine its percentiles are close and no run reaches 1 ms;
 * when other jobs share the cores, runs are preempted for milliseconds, and so are clicks).
 */
function machineNoise(): string {
  const data = new Float64Array(4096).map((_, i) => i % 7);
  const times: number[] = [];
  let sink = 0;
  for (let round = 0; round < 1000; round++) {
    const started = performance.now();
    for (let pass = 0; pass < 24; pass++) for (let i = 0; i < data.length; i++) sink += (data[i] as number) * pass;
    times.push(performance.now() - started);
  }
  if (sink < 0) console.log(sink);
  const over = times.filter((t) => t > 1).length;
  const at = (p: number) => ms(percentile(times, p));
  return `a fixed loop timed 1,000× p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms, ${over} runs over 1 ms`;
}

/** Loads the scenario's model, runs the shopper session with both sides, prints the tables; false on disagreement. */
async function runScenario(scenario: Scenario): Promise<boolean> {
  console.log(`\n■ ${scenario.label} model (${machineLoad()}; machine noise: ${machineNoise()})`);
  const generatedAt = performance.now();
  const model = scenario.model();
  const generateMs = performance.now() - generatedAt;
  const loaded = load(model);
  printModel(model, loaded.compiled, generateMs);

  const session = shop(loaded.reasoner, loaded.compiled, scenario.clicks, 1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const heapAfterClicks = heapUsed();
  const warm = replayWarm(loaded.reasoner, session.log, WARM_ROUNDS);
  const peerSlice = session.log.slice(0, scenario.peerClicks);
  if (scenario.peerWarmupClicks > 0)
    replay(loaded.compiled, peerSlice.slice(0, scenario.peerWarmupClicks), scenario.peerCapMs);
  const peer = replay(loaded.compiled, peerSlice, scenario.peerCapMs);

  console.log(`after the sessions: ${machineLoad()}; machine noise: ${machineNoise()}`);
  console.table([
    ...loadRows(loaded, heapAfterClicks, scenario.budgets),
    ...oursRows(session, warm, scenario.budgets),
    ...peerRows(peer, session.log, scenario.peerCapMs),
  ]);
  if (scenario.page) {
    const { explainClicks, countClicks, countBudgetMs, countSliceMs } = scenario.page;
    console.log("the configure page's other work around a click (not in the click's figure)");
    console.table([
      ...explainRows(loaded.reasoner, session.log, explainClicks),
      ...countRows(model, session.log, countClicks, countBudgetMs, countSliceMs),
    ]);
  }
  if (scenario.peerClicks < scenario.clicks)
    console.log(`peer capped at the first ${scenario.peerClicks} of ${scenario.clicks} clicks (it is too slow here)`);
  if (countStatus(peer.log, "timed-out") > 0)
    console.log(`peer clicks that hit the ${scenario.peerCapMs} ms cap are counted at their cap time`);
  const { compared, differing } = compare(session.log, peer.log);
  const agree = differing.length === 0;
  const detail = agree ? "" : `; they differ on clicks ${differing.slice(0, 10).join(", ")}`;
  const scope =
    compared === 0
      ? "vacuously: there was no click where both answered"
      : `forced/excluded sets compared on ${compared} clicks where both answered${detail}`;
  console.log(`agree: ${agree ? "yes" : "no"} (${scope})`);
  if (scenario.counting) printCounting(model, scenario.counting);
  return agree;
}

if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
  const script = fileURLToPath(import.meta.url);
  const args = ["--expose-gc", ...process.execArgv, script, ...process.argv.slice(2)];
  const child = spawnSync(process.execPath, args, { stdio: "inherit" });
  process.exit(child.status ?? 1);
} else {
  // Flags (`npm run bench` passes --quick and the like to every bench) are not scenario names.
  const named = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  let allAgree = true;
  for (const scenario of SCENARIOS.filter((s) => named.length === 0 || named.includes(s.label)))
    allAgree = (await runScenario(scenario)) && allAgree;
  if (!allAgree) process.exitCode = 1;
}
