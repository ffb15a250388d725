/**
 * The simulated cashier (site/pages/pay/sim/[paymentId].astro): "pay" or "simulate failure" asks
 * the simulator through the dev API, announces the outcome and sends the shopper back to the store.
 */
type Texts = Record<"paying" | "failing" | "paid" | "failed" | "error", string>;

const root = document.querySelector<HTMLElement>("#pay-sim");
if (root) start(root);

function start(root: HTMLElement): void {
  const texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  const status = root.querySelector("#pay-sim-status") as HTMLElement;
  const error = root.querySelector("#pay-sim-error") as HTMLElement;
  const buttons = [...root.querySelectorAll<HTMLButtonElement>("[data-outcome]")];
  for (const button of buttons) {
    button.disabled = false;
    button.addEventListener("click", () => settle(button.dataset.outcome === "fail" ? "fail" : "pay"));
  }

  async function settle(outcome: "pay" | "fail"): Promise<void> {
    for (const button of buttons) button.disabled = true;
    error.textContent = "";
    status.textContent = outcome === "pay" ? texts.paying : texts.failing;
    const url = `/api/dev/payments/${encodeURIComponent(root.dataset.channel ?? "")}/${encodeURIComponent(root.dataset.payment ?? "")}/${outcome}`;
    const response = await fetch(url, { method: "POST", headers: { accept: "application/json" } }).catch(
      () => undefined,
    );
    if (!response?.ok) {
      status.textContent = "";
      error.textContent = texts.error;
      for (const button of buttons) button.disabled = false;
      return;
    }
    const { status: settled } = (await response.json()) as { status: string };
    status.textContent = settled === "failed" ? texts.failed : texts.paid;
    if (root.dataset.back) window.location.assign(root.dataset.back);
  }
}
