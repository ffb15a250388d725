/**
 * The finance calculator without reloads: a changed input fetches the server-rendered page for the
 * new URL and swaps in its inputs and results, so there is one renderer and the page works without
 * JavaScript; the URL always holds the inputs (shareable). On phones the long schedule starts folded.
 */
const form = document.querySelector<HTMLFormElement>("#finance-form");
const SWAPPED = ["finance-car", "finance-inputs", "finance-result", "insurance-result"];
let inflight: AbortController | null = null;

function formUrl(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value !== "") params.append(name, value);
  }
  return `/finance?${params}`;
}

function foldScheduleOnPhones(): void {
  const schedule = document.querySelector<HTMLDetailsElement>("#schedule");
  if (schedule && matchMedia("(max-width: 640px)").matches) schedule.open = false;
}

async function load(form: HTMLFormElement, url: string): Promise<void> {
  inflight?.abort();
  inflight = new AbortController();
  const result = document.querySelector("#finance-result");
  result?.setAttribute("aria-busy", "true");
  const focused = document.activeElement as HTMLInputElement | null;
  const focusKey = focused?.name
    ? `[name="${focused.name}"]${focused.type === "radio" ? `[value="${CSS.escape(focused.value)}"]` : ""}`
    : null;
  try {
    const response = await fetch(url, { signal: inflight.signal, headers: { accept: "text/html" } });
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    const scheduleWasOpen = document.querySelector<HTMLDetailsElement>("#schedule")?.open;
    for (const id of SWAPPED) {
      const fresh = next.getElementById(id);
      if (fresh) document.getElementById(id)?.replaceWith(fresh);
    }
    const schedule = document.querySelector<HTMLDetailsElement>("#schedule");
    if (schedule && scheduleWasOpen !== undefined) schedule.open = scheduleWasOpen;
    history.replaceState(null, "", url);
    announce();
    live(form);
    if (focusKey) form.querySelector<HTMLElement>(focusKey)?.focus({ preventScroll: true });
  } catch (error) {
    if ((error as Error).name !== "AbortError") location.assign(url);
  } finally {
    document.querySelector("#finance-result")?.setAttribute("aria-busy", "false");
  }
}

/** Tells screen readers the new headline figure (the swapped regions are too long to read out). */
function announce(): void {
  const lead = document.querySelector("#finance-result dl div");
  const status = document.querySelector("#finance-announce");
  if (lead && status)
    status.textContent = `${lead.querySelector("dt")?.textContent} ${lead.querySelector("dd")?.textContent}`;
}

function live(form: HTMLFormElement): void {
  const submit = form.querySelector<HTMLButtonElement>("[data-submit]");
  if (submit) submit.hidden = true;
}

if (form) {
  live(form);
  foldScheduleOnPhones();
  form.addEventListener("change", () => {
    if (form.reportValidity()) void load(form, formUrl(form));
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load(form, formUrl(form));
  });
  form.addEventListener("click", (event) => {
    const retry = (event.target as Element).closest<HTMLAnchorElement>("[data-retry]");
    if (!retry) return;
    event.preventDefault();
    void load(form, retry.getAttribute("href") ?? formUrl(form));
  });
}

/** A module, so its names stay its own. */
export {};
