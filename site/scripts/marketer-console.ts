/**
 * The marketer console in the browser: the rule editor is filled from the rule picked in the list,
 * read back into the API's rule shape, checked as you type with the same schema the server uses
 * (messages beside each field and in a summary, Chinese first), and previewed for the simulated
 * visitor beside the published decision. Saving, publishing, unpublishing, scheduling and rolling
 * back call the console API; the page then reloads with what happened in its status region.
 */
import type { Lang } from "../../domain/money.ts";
import { type DraftError, parseDraft, type RuleInput, ruleInputSchema } from "../../domain/personalization/drafts.ts";
import type { Condition } from "../../domain/personalization/rules.ts";
import type { Problem } from "../../worker/problem.ts";
import { LAYOUT_LABELS, MODULE_LABELS, SLOT_LABELS, say } from "../components/marketer/labels.ts";
import { inLang } from "./test-drive-format.ts";

type Texts = Record<
  "newRule" | "editing" | "network" | "invalidJson" | "none" | "yes" | "fired" | "nothing" | "working",
  string
>;
type StoredRule = RuleInput & { id: string; revision: number; status: string };
type DecisionView = { actions: Record<string, unknown>; fired: { id: string; name: string }[] };
type Preview = { draft: DecisionView; published: DecisionView };

const LIST_KINDS = ["tier", "device", "formFactor", "channel"] as const;
const FLAG_KINDS = ["returning", "savedConfiguration", "financeInterest"] as const;
const BUILT = new Set<string>([...LIST_KINDS, ...FLAG_KINDS, "province", "viewedModel", "time"]);

const root = document.querySelector<HTMLElement>("#marketer");
if (root) start(root);

function start(root: HTMLElement): void {
  const lang = (root.dataset.lang ?? "zh") as Lang;
  const texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  const rules = JSON.parse(root.dataset.rules ?? "[]") as StoredRule[];
  const form = root.querySelector<HTMLFormElement>("#rule-form");
  const visitorForm = root.querySelector<HTMLFormElement>("#preview-form");
  const status = root.querySelector<HTMLElement>("#console-status");
  if (!form || !visitorForm || !status) return;
  const editor: HTMLFormElement = form;
  const visitorFields: HTMLFormElement = visitorForm;
  const $ = <T extends HTMLElement = HTMLInputElement>(selector: string) => form.querySelector<T>(selector);
  const value = (selector: string) => $(selector)?.value.trim() ?? "";
  const checked = (selector: string) => $(selector)?.checked ?? false;
  let editing: StoredRule | null = null;
  let touched = false;

  const say_ = (message: string) => {
    status.textContent = message;
  };

  const shanghaiInput = (iso: string | null | undefined) =>
    iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16) : "";
  const fromShanghaiInput = (local: string) => (local ? `${local}:00+08:00` : null);
  const list = (text: string) =>
    text
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);

  function setUse(kind: string, on: boolean): void {
    const box = $(`[data-use="${kind}"]`);
    if (box) box.checked = on;
    const group = $<HTMLElement>(`[data-kind="${kind}"]`);
    if (group) group.toggleAttribute("data-off", !on);
  }

  /** Fills the editor with a stored rule, or empties it for a new one. */
  function fill(rule: StoredRule | null): void {
    editing = rule;
    touched = false;
    editor.reset();
    clearErrors();
    const heading = $<HTMLElement>("#rule-form-title");
    if (heading) heading.textContent = rule ? texts.editing.replace("{name}", rule.name) : texts.newRule;
    const idInput = $("#rf-id");
    if (idInput) {
      idInput.value = rule?.id ?? "";
      idInput.disabled = rule !== null;
    }
    for (const item of root.querySelectorAll<HTMLElement>("[data-rule]"))
      item.toggleAttribute("data-editing", item.dataset.rule === rule?.id);
    const set = (selector: string, text: string) => {
      const input = $(selector);
      if (input) input.value = text;
    };
    set("#rf-name", rule?.name ?? "");
    set("#rf-priority", String(rule?.priority ?? 100));
    set("#rf-rollout", String(rule?.rolloutPercent ?? 100));
    const other: Condition[] = [];
    for (const kind of [...LIST_KINDS, ...FLAG_KINDS, "province", "viewedModel", "time"]) setUse(kind, false);
    for (const condition of rule?.conditions ?? []) {
      const kind = condition.kind;
      if (!BUILT.has(kind) || $(`[data-use="${kind}"]`)?.checked) {
        other.push(condition);
        continue;
      }
      setUse(kind, true);
      if (
        condition.kind === "tier" ||
        condition.kind === "device" ||
        condition.kind === "formFactor" ||
        condition.kind === "channel"
      )
        for (const v of condition.in as string[]) {
          const box = $(`[data-kind="${kind}"] [data-value="${v}"]`);
          if (box) box.checked = true;
        }
      if (condition.kind === "province") set("#rf-province", condition.in.join(", "));
      if (condition.kind === "viewedModel") set("#rf-viewed", condition.model);
      if (condition.kind === "time") {
        for (const day of condition.days) {
          const box = $(`[data-day="${day}"]`);
          if (box) box.checked = true;
        }
        set("#rf-time-from", String(condition.from));
        set("#rf-time-to", String(condition.to));
      }
    }
    set("#rf-other", other.length > 0 ? JSON.stringify(other) : "");
    const actions = rule?.actions ?? {};
    set("#rf-layout", actions.layout ?? "");
    [1, 2, 3].forEach((place) => {
      set(`#rf-lead-${place}`, actions.lead?.[place - 1] ?? "");
    });
    set("#rf-hero", actions.hero ?? "");
    set("#rf-trims", actions.highlightTrims?.join(", ") ?? "");
    const offer = actions.offers?.[0];
    const offerBox = $("#rf-offer-use");
    if (offerBox) offerBox.checked = offer !== undefined;
    $<HTMLElement>('[data-kind="offer"]')?.toggleAttribute("data-off", offer === undefined);
    if (offer) {
      set("#rf-offer-down", String(offer.downPaymentPercent));
      set("#rf-offer-monthly", String(offer.monthlyFen / 100));
      set("#rf-offer-term", String(offer.termMonths));
    }
    const resume = $("#rf-resume");
    if (resume) resume.checked = actions.resume === true;
    set("#rf-starts", shanghaiInput(rule?.startsAt));
    set("#rf-ends", shanghaiInput(rule?.endsAt));
    void preview();
  }

  /** The editor as the API's rule input, and which condition kind each entry of `conditions` came from. */
  function read(): { input: Record<string, unknown>; kinds: string[]; jsonError: boolean } {
    const conditions: unknown[] = [];
    const kinds: string[] = [];
    const add = (kind: string, condition: unknown) => {
      conditions.push(condition);
      kinds.push(kind);
    };
    for (const kind of LIST_KINDS)
      if (checked(`[data-use="${kind}"]`))
        add(kind, {
          kind,
          in: [...editor.querySelectorAll<HTMLInputElement>(`[data-kind="${kind}"] [data-value]:checked`)].map(
            (box) => box.dataset.value,
          ),
        });
    if (checked('[data-use="province"]')) add("province", { kind: "province", in: list(value("#rf-province")) });
    if (checked('[data-use="viewedModel"]'))
      add("viewedModel", { kind: "viewedModel", model: $("#rf-viewed")?.value ?? "" });
    if (checked('[data-use="time"]'))
      add("time", {
        kind: "time",
        days: [...editor.querySelectorAll<HTMLInputElement>("[data-day]:checked")].map((box) => box.dataset.day),
        from: Number(value("#rf-time-from")),
        to: Number(value("#rf-time-to")),
      });
    for (const kind of FLAG_KINDS) if (checked(`[data-use="${kind}"]`)) add(kind, { kind });
    let jsonError = false;
    const otherText = value("#rf-other");
    if (otherText) {
      try {
        const parsed = JSON.parse(otherText) as unknown;
        for (const condition of Array.isArray(parsed) ? parsed : [parsed]) add("other", condition);
      } catch {
        jsonError = true;
      }
    }
    const lead = [1, 2, 3].map((place) => $(`#rf-lead-${place}`)?.value ?? "").filter(Boolean);
    const down = Number(value("#rf-offer-down"));
    const monthlyFen = Math.round(Number(value("#rf-offer-monthly")) * 100);
    const term = Number(value("#rf-offer-term"));
    const layout = $("#rf-layout")?.value;
    const actions = {
      ...(layout ? { layout } : {}),
      ...(lead.length > 0 ? { lead: [...new Set(lead)] } : {}),
      ...(value("#rf-hero") ? { hero: value("#rf-hero") } : {}),
      ...(value("#rf-trims") ? { highlightTrims: list(value("#rf-trims")) } : {}),
      ...(checked("#rf-offer-use")
        ? {
            offers: [
              { id: `offer-${down}-${term}-${monthlyFen}`, downPaymentPercent: down, monthlyFen, termMonths: term },
            ],
          }
        : {}),
      ...(checked("#rf-resume") ? { resume: true } : {}),
    };
    const priority = value("#rf-priority");
    const input: Record<string, unknown> = {
      name: value("#rf-name"),
      priority: priority === "" ? undefined : Number(priority),
      conditions,
      actions,
      rolloutPercent: Number(value("#rf-rollout") || "100"),
      startsAt: fromShanghaiInput(value("#rf-starts")),
      endsAt: fromShanghaiInput(value("#rf-ends")),
    };
    if (editing) input.revision = editing.revision;
    else if (value("#rf-id")) input.id = value("#rf-id");
    return { input, kinds, jsonError };
  }

  /** The error slot for a path: `conditions.2.in` goes to the slot of the condition kind at index 2. */
  function slotFor(path: string, kinds: readonly string[]): HTMLElement | null {
    const parts = path.split(".");
    const key =
      parts[0] === "conditions" && parts[1] !== undefined ? `cond:${kinds[Number(parts[1])] ?? "other"}` : path;
    for (let n = key.split(".").length; n > 0; n--) {
      const prefix = key.split(".").slice(0, n).join(".");
      const slot = $<HTMLElement>(`[data-error-for="${prefix}"]`);
      if (slot) return slot;
    }
    return parts[0] === "actions" ? $<HTMLElement>('[data-error-for="actions"]') : null;
  }

  function clearErrors(): void {
    for (const slot of editor.querySelectorAll<HTMLElement>("[data-error-for]")) slot.textContent = "";
    for (const field of editor.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
    const summary = $<HTMLElement>("#rule-errors");
    if (summary) summary.hidden = true;
  }

  function showErrors(errors: readonly DraftError[], kinds: readonly string[]): void {
    clearErrors();
    if (errors.length === 0) return;
    const summary = $<HTMLElement>("#rule-errors");
    const items = summary?.querySelector("ul");
    if (items) items.textContent = "";
    for (const error of errors) {
      const slot = slotFor(error.path, kinds);
      if (slot) {
        slot.textContent = slot.textContent ? `${slot.textContent}；${error.message}` : error.message;
        const field = slot.id ? editor.querySelector<HTMLElement>(`[aria-describedby~="${slot.id}"]`) : null;
        field?.setAttribute("aria-invalid", "true");
      }
      const item = document.createElement("li");
      const link = document.createElement("a");
      const target = slot?.closest(".field, fieldset")?.querySelector<HTMLElement>("input, select, textarea");
      link.href = target?.id ? `#${target.id}` : "#rule-form-title";
      link.textContent = `${error.path}: ${error.message}`;
      item.appendChild(link);
      items?.appendChild(item);
    }
    if (summary) summary.hidden = false;
  }

  function check(): { input: Record<string, unknown>; valid: boolean } {
    const { input, kinds, jsonError } = read();
    const parsed = parseDraft(ruleInputSchema, input);
    const errors = [
      ...(parsed.errors ?? []),
      ...(jsonError ? [{ path: "conditions.other", message: texts.invalidJson }] : []),
    ];
    if (touched) showErrors(errors, jsonError ? [...kinds, "other"] : kinds);
    return { input, valid: errors.length === 0 };
  }

  function visitor(): Record<string, unknown> {
    const field = (name: string) => visitorFields.querySelector<HTMLInputElement>(`[name="${name}"]`);
    const at = field("at")?.value;
    return {
      ...(field("city")?.value ? { city: field("city")?.value } : {}),
      device: field("device")?.value,
      visits: Number(field("visits")?.value || "0"),
      modelsViewed: list(field("modelsViewed")?.value ?? ""),
      financeInterest: field("financeInterest")?.checked ?? false,
      savedConfiguration: field("savedConfiguration")?.checked ?? false,
      channel: field("channel")?.value,
      ...(at ? { at: `${at}:00+08:00` } : {}),
      visitorId: "preview-visitor",
    };
  }

  const shown = (slot: string, v: unknown): string => {
    if (v === undefined) return texts.none;
    if (slot === "layout") return say(LAYOUT_LABELS[v as "standard"], lang, String(v));
    if (slot === "lead") return (v as string[]).map((m) => say(MODULE_LABELS[m as "finance"], lang, m)).join(" › ");
    if (slot === "resume") return texts.yes;
    if (slot === "offers")
      return (v as { downPaymentPercent: number; monthlyFen: number; termMonths: number }[])
        .map((o) =>
          lang === "en"
            ? `${o.downPaymentPercent}% down, ¥${(o.monthlyFen / 100).toLocaleString("en")}/month × ${o.termMonths}`
            : `首付 ${o.downPaymentPercent}%，月供 ¥${(o.monthlyFen / 100).toLocaleString("zh-CN")}（${o.termMonths} 期）`,
        )
        .join("; ");
    return Array.isArray(v) ? v.join(", ") : String(v);
  };

  function render(target: HTMLElement | null, decision: DecisionView, other: DecisionView): void {
    if (!target) return;
    target.textContent = "";
    const row = (term: string, text: string, changed = false) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = text;
      if (changed) dd.className = "changed";
      target.appendChild(dt);
      target.appendChild(dd);
    };
    for (const [slot, label] of Object.entries(SLOT_LABELS)) {
      const text = shown(slot, decision.actions[slot]);
      row(say(label, lang), text, text !== shown(slot, other.actions[slot]));
    }
    row(
      texts.fired,
      decision.fired.length > 0 ? decision.fired.map((f) => inLang(f.name, lang)).join("、") : texts.nothing,
    );
  }

  const stripRevision = ({ revision: _revision, ...rest }: Record<string, unknown>) => rest;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let previewSeq = 0;
  async function preview(): Promise<void> {
    const { input, valid } = check();
    const seq = ++previewSeq;
    const out = root.querySelector<HTMLElement>("#preview-out");
    const error = root.querySelector<HTMLElement>("#preview-error");
    out?.setAttribute("aria-busy", "true");
    const rule = valid ? stripRevision({ ...input, id: editing?.id ?? input.id }) : undefined;
    try {
      const response = await fetch("/api/console/marketer/preview", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ visitor: visitor(), ...(rule ? { rule } : {}) }),
      });
      if (seq !== previewSeq) return;
      const body = (await response.json()) as Preview | Problem;
      if (!response.ok) {
        if (error) error.textContent = inLang((body as Problem).detail ?? (body as Problem).title, lang);
        return;
      }
      if (error) error.textContent = "";
      const { draft, published } = body as Preview;
      render(root.querySelector("#preview-draft"), draft, published);
      render(root.querySelector("#preview-published"), published, draft);
      const store = root.querySelector<HTMLAnchorElement>("#preview-store");
      if (store?.dataset.base) {
        const params = new URLSearchParams();
        const v = visitor();
        if (typeof v.city === "string") params.set("edge-city", v.city);
        params.set("edge-device", String(v.device));
        store.href = `${store.dataset.base}?${params}`;
      }
    } catch {
      if (error && seq === previewSeq) error.textContent = texts.network;
    } finally {
      if (seq === previewSeq) out?.setAttribute("aria-busy", "false");
    }
  }
  const schedulePreview = () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void preview(), 250);
  };

  const reloadWith = (done: string, id?: string) => {
    const params = new URLSearchParams({ done });
    if (id) params.set("rule", id);
    if (lang === "en") params.set("lang", "en");
    location.assign(`/console/marketer?${params}${id ? `#rule-${id}` : ""}`);
  };

  async function send(path: string, method: string, body?: unknown): Promise<{ ok: boolean; body: unknown }> {
    const response = await fetch(path, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { ok: response.ok, body: await response.json() };
  }

  const refuse = (body: unknown, kinds: readonly string[] = []) => {
    const problem = body as Problem;
    if (problem.errors) showErrors(problem.errors, kinds);
    say_(inLang(problem.detail ?? problem.title, lang));
    status.focus();
  };

  async function busy(button: HTMLButtonElement | null, work: () => Promise<void>): Promise<void> {
    if (button) button.disabled = true;
    say_(texts.working);
    try {
      await work();
    } catch {
      say_(texts.network);
    } finally {
      if (button) button.disabled = false;
    }
  }

  async function save(then: "draft" | "publish" | "schedule", button: HTMLButtonElement | null): Promise<void> {
    touched = true;
    const { input, valid } = check();
    if (!valid) {
      $<HTMLElement>("#rule-errors a")?.focus();
      return;
    }
    const { kinds } = read();
    await busy(button, async () => {
      const saved = editing
        ? await send(`/api/console/marketer/rules/${editing.id}`, "PUT", input)
        : await send("/api/console/marketer/rules", "POST", input);
      if (!saved.ok) return refuse(saved.body, kinds);
      const id = (saved.body as { rule: { id: string } }).rule.id;
      if (then === "draft") return reloadWith("saved", id);
      const published =
        then === "publish"
          ? await send(`/api/console/marketer/rules/${id}/publish`, "POST")
          : await send(`/api/console/marketer/rules/${id}/schedule`, "POST", {
              startsAt: input.startsAt,
              endsAt: input.endsAt,
            });
      if (!published.ok) return refuse(published.body, kinds);
      reloadWith(then === "publish" ? "published" : "scheduled", id);
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void save("draft", form.querySelector<HTMLButtonElement>('[data-save="draft"]'));
  });
  form.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    if (button.dataset.save === "publish" || button.dataset.save === "schedule") void save(button.dataset.save, button);
    if (button.dataset.new !== undefined) {
      fill(null);
      $<HTMLElement>("#rule-form-title")?.focus();
    }
  });
  form.addEventListener("change", (event) => {
    const box = (event.target as HTMLElement).closest<HTMLInputElement>("[data-use], #rf-offer-use");
    if (box) {
      const kind = box.dataset.use ?? "offer";
      $<HTMLElement>(`[data-kind="${kind}"]`)?.toggleAttribute("data-off", !box.checked);
    }
    touched = true;
    schedulePreview();
  });
  form.addEventListener("input", () => {
    touched = true;
    schedulePreview();
  });
  visitorForm.addEventListener("input", schedulePreview);
  visitorForm.addEventListener("change", schedulePreview);
  visitorForm.addEventListener("submit", (event) => event.preventDefault());

  root.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button || form.contains(button)) return;
    const { edit, publish, unpublish, rollback } = button.dataset;
    if (edit) {
      fill(rules.find((rule) => rule.id === edit) ?? null);
      $<HTMLElement>("#rule-form-title")?.focus();
    }
    if (publish)
      void busy(button, async () => {
        const done = await send(`/api/console/marketer/rules/${publish}/publish`, "POST");
        if (done.ok) reloadWith("published", publish);
        else refuse(done.body);
      });
    if (unpublish)
      void busy(button, async () => {
        const done = await send(`/api/console/marketer/rules/${unpublish}/unpublish`, "POST");
        if (done.ok) reloadWith("unpublished", unpublish);
        else refuse(done.body);
      });
    if (rollback)
      void busy(button, async () => {
        const done = await send(`/api/console/marketer/versions/${encodeURIComponent(rollback)}/rollback`, "POST");
        if (done.ok) reloadWith("rolled-back");
        else refuse(done.body);
      });
  });

  const focus = root.dataset.focus;
  fill(rules.find((rule) => rule.id === focus) ?? null);
  if (status.textContent) status.focus();
}
