/**
 * The search page without full reloads: any change to the form fetches the same server-rendered
 * page for the new URL and swaps in its filters and results, so the first page stays crawlable and
 * there is one renderer. The URL always holds the filters (shareable; back/forward restore them).
 * "Load more" appends the next keyset page. Compare picks live in localStorage (up to 4 trims).
 */
const form = document.querySelector<HTMLFormElement>("#search-form");
const COMPARE_KEY = "marque.compare";
const MAX_COMPARE = 4;
let inflight: AbortController | null = null;

function formUrl(): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form as HTMLFormElement)) {
    if (typeof value === "string" && value !== "" && !(name === "sort" && value === "relevance"))
      params.append(name, value);
  }
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}

async function fetchPage(url: string): Promise<Document | null> {
  inflight?.abort();
  inflight = new AbortController();
  const response = await fetch(url, { signal: inflight.signal, headers: { accept: "text/html" } });
  return new DOMParser().parseFromString(await response.text(), "text/html");
}

async function load(url: string, push: boolean): Promise<void> {
  const results = document.querySelector<HTMLElement>("#results");
  results?.setAttribute("aria-busy", "true");
  const focused = document.activeElement as HTMLInputElement | null;
  const focusKey = focused?.name
    ? `[name="${focused.name}"]${focused.value ? `[value="${CSS.escape(focused.value)}"]` : ""}`
    : null;
  try {
    const next = await fetchPage(url);
    if (!next) return;
    for (const id of ["results", "filters"]) {
      const fresh = next.getElementById(id);
      const current = document.getElementById(id);
      if (fresh && current) current.replaceWith(fresh);
    }
    document.title = next.title;
    if (push) history.pushState(null, "", url);
    if (focusKey) document.querySelector<HTMLElement>(focusKey)?.focus({ preventScroll: true });
    fitPanel();
    syncCompare();
  } catch (error) {
    if ((error as Error).name !== "AbortError") location.assign(url);
  } finally {
    document.querySelector("#results")?.setAttribute("aria-busy", "false");
  }
}

async function loadMore(link: HTMLAnchorElement): Promise<void> {
  link.setAttribute("aria-disabled", "true");
  const next = await fetchPage(link.href);
  const list = document.querySelector<HTMLOListElement>("#hits");
  for (const hit of Array.from(next?.querySelector<HTMLOListElement>("#hits")?.children ?? [])) list?.appendChild(hit);
  const more = next?.querySelector<HTMLAnchorElement>("[data-more]");
  if (more) link.replaceWith(more);
  else link.remove();
  syncCompare();
}

function fitPanel(): void {
  const panel = document.querySelector<HTMLDetailsElement>("#filters");
  if (panel && !matchMedia("(min-width: 900px)").matches && !panel.dataset.touched) panel.open = false;
}

function picks(): Array<{ id: string; name: string }> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(COMPARE_KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as Array<{ id: string; name: string }>).slice(0, MAX_COMPARE) : [];
  } catch {
    return [];
  }
}

function syncCompare(): void {
  const chosen = picks();
  const ids = new Set(chosen.map((p) => p.id));
  for (const box of document.querySelectorAll<HTMLInputElement>("input[data-compare]")) {
    box.checked = ids.has(box.dataset.compare ?? "");
    box.disabled = !box.checked && chosen.length >= MAX_COMPARE;
  }
  const bar = document.querySelector<HTMLElement>("#compare-bar");
  if (!bar) return;
  bar.hidden = chosen.length === 0;
  const count = bar.querySelector("[data-compare-count]");
  if (count) count.textContent = String(chosen.length);
  const link = bar.querySelector<HTMLAnchorElement>("[data-compare-link]");
  if (link) {
    const target = new URL(link.href);
    target.searchParams.set("trims", chosen.map((p) => p.id).join(","));
    link.href = target.pathname + target.search;
  }
}

if (form) {
  form.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement;
    if (target.dataset.compare !== undefined) {
      const rest = picks().filter((p) => p.id !== target.dataset.compare);
      const next = target.checked
        ? [...rest, { id: target.dataset.compare, name: target.dataset.compareName ?? "" }]
        : rest;
      localStorage.setItem(COMPARE_KEY, JSON.stringify(next.slice(0, MAX_COMPARE)));
      syncCompare();
      return;
    }
    if (target.name === "q") return;
    void load(formUrl(), true);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load(formUrl(), true);
  });
  form.addEventListener("click", (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-nav], a[data-more]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    if (link.dataset.more !== undefined) void loadMore(link);
    else void load(link.pathname + link.search, true);
  });
  form.addEventListener(
    "toggle",
    (event) => {
      if ((event.target as HTMLElement).id === "filters") (event.target as HTMLElement).dataset.touched = "1";
    },
    true,
  );
  window.addEventListener("popstate", () => void load(location.pathname + location.search, false));
  document.querySelector("[data-compare-clear]")?.addEventListener("click", () => {
    localStorage.removeItem(COMPARE_KEY);
    syncCompare();
  });
  fitPanel();
  syncCompare();
}
