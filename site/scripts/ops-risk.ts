/**
 * Risk events console: "Load older events" fetches the next page from the API and appends its rows
 * in place (the link still works without JavaScript), says how many arrived in the status region
 * and moves focus to the first new row, so keyboard and screen-reader users carry on from there.
 */
import type { Lang } from "../../domain/money.ts";
import { ACTION_LABELS, describeDetail, label, OUTCOME_LABELS, RULE_LABELS } from "../../domain/risk/labels.ts";

type Texts = Record<"loaded" | "none" | "network", string>;
interface RiskEvent {
  id: string;
  at: string;
  principal: string;
  action: string;
  outcome: string;
  rule: string;
  detail: Record<string, string | number>;
}

const root = document.querySelector<HTMLElement>("#ops-risk");
if (root) start(root);

function start(root: HTMLElement): void {
  const lang = (root.dataset.lang ?? "zh") as Lang;
  const texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  const rows = root.querySelector<HTMLElement>("#risk-rows");
  const more = root.querySelector<HTMLAnchorElement>("#risk-more");
  const live = root.querySelector<HTMLElement>("#ops-risk-status");
  const template = rows?.querySelector<HTMLElement>("tr");
  if (!rows || !more || !template) return;
  const time = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    timeStyle: "medium",
  });

  const say = (message: string) => {
    if (live) live.textContent = message;
  };

  function row(event: RiskEvent): HTMLElement {
    const tr = template?.cloneNode(true) as HTMLElement;
    tr.dataset.event = event.id;
    tr.dataset.outcome = event.outcome;
    const cells = tr.querySelectorAll<HTMLElement>("td");
    const stamp = cells[0]?.querySelector<HTMLElement>("time");
    stamp?.setAttribute("datetime", event.at);
    if (stamp) stamp.textContent = time.format(new Date(event.at));
    const badge = cells[1]?.querySelector<HTMLElement>(".badge");
    if (badge) {
      badge.className = `badge badge--${event.outcome}`;
      badge.textContent = label(OUTCOME_LABELS, event.outcome, lang);
    }
    if (cells[2]) cells[2].textContent = label(RULE_LABELS, event.rule, lang);
    if (cells[3]) cells[3].textContent = label(ACTION_LABELS, event.action, lang);
    const link = cells[4]?.querySelector<HTMLAnchorElement>("a");
    if (link) {
      const target = new URL(link.href);
      target.searchParams.set("principal", event.principal);
      link.href = target.pathname + target.search;
      link.textContent = event.principal;
    }
    if (cells[5]) cells[5].textContent = describeDetail(event.detail, lang);
    return tr;
  }

  async function loadMore(link: HTMLAnchorElement): Promise<void> {
    const page = new URL(link.href);
    const query = new URLSearchParams({ limit: "25", after: link.dataset.next ?? "" });
    for (const name of ["outcome", "principal"]) {
      const value = page.searchParams.get(name);
      if (value) query.set(name, value);
    }
    const since = root.dataset.since;
    if (since) query.set("since", since);
    link.setAttribute("aria-disabled", "true");
    try {
      const response = await fetch(`/api/ops/risk-events?${query}`, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { events: RiskEvent[]; next: string | null };
      const added = body.events.map(row);
      for (const tr of added) rows?.insertAdjacentElement("beforeend", tr);
      say(body.events.length > 0 ? texts.loaded.replace("{n}", String(body.events.length)) : texts.none);
      const first = added[0];
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
      if (body.next) {
        link.dataset.next = body.next;
        page.searchParams.set("after", body.next);
        link.href = page.pathname + page.search;
        link.removeAttribute("aria-disabled");
      } else link.closest("p")?.remove();
    } catch {
      link.removeAttribute("aria-disabled");
      say(texts.network);
    }
  }

  more.addEventListener("click", (event) => {
    event.preventDefault();
    if (more.getAttribute("aria-disabled") !== "true") void loadMore(more);
  });
}
