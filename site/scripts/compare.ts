/**
 * The compare page in the browser: "hide identical rows" without a reload, kept in the URL (`diff=1`)
 * and in every link and form that rebuilds the page, so a shared link looks the same. The compared
 * trims become the compare picks the search page shows (localStorage `marque.compare`), and the empty
 * page offers to resume them.
 */
import { MAX_COMPARED_TRIMS } from "../../domain/catalog/compare.ts";
import { compareHref } from "../components/compare/links.ts";

const COMPARE_KEY = "marque.compare";

/** The same link with `diff=1` on or off; trim ids stay unescaped. */
function withDiff(link: string, on: boolean): string {
  const [path, query = ""] = link.split("?");
  const parts = query.split("&").filter((part) => part !== "" && !part.startsWith("diff="));
  if (on) parts.splice(parts.findIndex((part) => part.startsWith("trims=")) + 1, 0, "diff=1");
  return parts.length > 0 ? `${path}?${parts.join("&")}` : (path ?? "");
}

function setDiff(on: boolean): void {
  document.querySelector("table.compare")?.toggleAttribute("data-only-diff", on);
  history.replaceState(history.state, "", withDiff(location.pathname + location.search, on));
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-keep-diff]"))
    link.setAttribute("href", withDiff(link.getAttribute("href") ?? "", on));
  const hidden = document.querySelector<HTMLInputElement>('form#add input[name="diff"]');
  if (hidden) hidden.disabled = !on;
  const status = document.querySelector<HTMLElement>("[data-diff-status]");
  if (status)
    status.textContent = on ? (status.dataset[document.documentElement.lang === "en" ? "en" : "zh"] ?? "") : "";
}

function syncPicks(): void {
  const heads = [...document.querySelectorAll<HTMLElement>("th[data-compare-id]")];
  if (heads.length > 0) {
    const picks = heads.map((th) => ({ id: th.dataset.compareId ?? "", name: th.dataset.compareName ?? "" }));
    localStorage.setItem(COMPARE_KEY, JSON.stringify(picks));
    return;
  }
  const resume = document.querySelector<HTMLAnchorElement>("a[data-resume]");
  if (!resume) return;
  try {
    const picks: unknown = JSON.parse(localStorage.getItem(COMPARE_KEY) ?? "[]");
    const ids = Array.isArray(picks)
      ? picks.map((p: { id?: unknown }) => p.id).filter((id): id is string => typeof id === "string")
      : [];
    if (ids.length === 0) return;
    resume.href = compareHref(ids.slice(0, MAX_COMPARED_TRIMS), {
      diff: false,
      lang: document.documentElement.lang === "en" ? "en" : "zh",
    });
    resume.hidden = false;
  } catch {
    localStorage.removeItem(COMPARE_KEY);
  }
}

if (document.querySelector("[data-compare-page]")) {
  document.querySelector<HTMLInputElement>("[data-diff-toggle]")?.addEventListener("change", (event) => {
    setDiff((event.target as HTMLInputElement).checked);
  });
  syncPicks();
}
