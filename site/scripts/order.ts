/**
 * The order page, live: while the order is not final it fetches the page again every two seconds
 * and swaps in the timeline, the log and the actions, so the server stays the one renderer. It
 * counts down the deposit's deadline and cancels on request.
 */
export {};

type Texts = Record<"confirmCancel" | "left" | "network", string>;

const root = document.querySelector<HTMLElement>("#order");
if (root) start(root);

function start(root: HTMLElement): void {
  const texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  const $ = <T extends HTMLElement = HTMLElement>(selector: string, within: HTMLElement = root) =>
    within.querySelector(selector) as T;
  const final = () => ["confirmed", "cancelled"].includes(root.dataset.state ?? "");
  let deadline = 0;

  async function refresh(): Promise<void> {
    try {
      const response = await fetch(location.pathname + location.search, { headers: { accept: "text/html" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector<HTMLElement>("#order");
      if (!fresh) return;
      for (const selector of ["[data-live]", "[data-log]"]) $(selector).innerHTML = $(selector, fresh).innerHTML;
      for (const selector of ["[data-pay]", "[data-cancel]"]) {
        const now = $(selector);
        const next = $(selector, fresh);
        now.hidden = next.hidden;
        if (next.getAttribute("href")) now.setAttribute("href", next.getAttribute("href") ?? "#");
      }
      root.dataset.state = fresh.dataset.state;
      root.dataset.deadline = fresh.dataset.deadline;
      $("[data-error]").textContent = "";
      readDeadline();
    } catch {
      $("[data-error]").textContent = texts.network;
    }
  }

  function readDeadline(): void {
    deadline = root.dataset.deadline ? Date.parse(root.dataset.deadline) : 0;
  }

  function tick(): void {
    const left = $("[data-left]");
    const ms = deadline - Date.now();
    left.textContent =
      deadline && ms > 0 && root.dataset.state === "awaiting_payment"
        ? texts.left.replace("{m}", String(Math.floor(ms / 60_000))).replace("{s}", String(Math.floor(ms / 1000) % 60))
        : "";
  }

  $<HTMLButtonElement>("[data-cancel]").addEventListener("click", async (event) => {
    if (!confirm(texts.confirmCancel)) return;
    const button = event.currentTarget as HTMLButtonElement;
    button.disabled = true;
    const response = await fetch(`/api/orders/${root.dataset.id}/cancel`, {
      method: "POST",
      headers: { accept: "application/json" },
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
      $("[data-error]").textContent = problem.detail ?? problem.title ?? texts.network;
    }
    button.disabled = false;
    await refresh();
  });

  readDeadline();
  tick();
  setInterval(tick, 1000);
  const poll = async () => {
    if (final() || document.hidden) return;
    await refresh();
  };
  setInterval(poll, 2000);
}
