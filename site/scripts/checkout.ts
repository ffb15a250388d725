/**
 * The checkout form: places the order (POST /api/orders with an Idempotency-Key kept for this
 * attempt, so a double click or a retry places one order) and sends the shopper to the cashier.
 * A session that needs a fresh text code gets the code form inline (step-up), then the order is
 * placed again with the same key. Refusals are explained where they happen: a changed price is
 * shown and must be confirmed, a sold-out car offers build-to-order.
 */
import { formatCarPrice, formatYuan, type Lang } from "../../domain/money.ts";

type Texts = Record<"placing" | "toCashier" | "network" | "codeSent" | "priceChanged" | "soldOut" | "deposit", string>;
type Problem = { type: string; title: string; detail?: string; priceFen?: number; orderId?: string };

const root = document.querySelector<HTMLElement>("#checkout");
if (root) start(root);

function start(root: HTMLElement): void {
  const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector(selector) as T;
  const lang = (root.dataset.lang ?? "zh") as Lang;
  const texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  const deposits = JSON.parse(root.dataset.deposits ?? "{}") as { stock: number; build: number };
  const form = $<HTMLFormElement>("#checkout-form");
  const submit = $<HTMLButtonElement>(".submit");
  const error = $("#checkout-error");
  const status = $("#checkout-status");
  const stepUp = $("#checkout-step-up");
  const code = $<HTMLInputElement>("#checkout-code");
  let priceFen = Number(root.dataset.price);
  let key = crypto.randomUUID();

  const fulfilment = () =>
    (form.querySelector<HTMLInputElement>("input[name=fulfilment]:checked")?.value ?? "build") as "stock" | "build";
  const showDeposit = () => {
    submit.textContent = texts.deposit.replace("{deposit}", formatYuan(deposits[fulfilment()], lang));
  };
  const say = (message: string, isError = false) => {
    error.textContent = isError ? message : "";
    status.textContent = isError ? "" : message;
  };
  form.addEventListener("change", (event) => {
    // A different order is a different attempt: it gets its own key.
    if ((event.target as HTMLInputElement).name !== "code") key = crypto.randomUUID();
    showDeposit();
  });
  showDeposit();
  submit.disabled = false;

  $<HTMLButtonElement>("[data-action=send-code]").addEventListener("click", async () => {
    const response = await fetch("/api/auth/step-up/code", { method: "POST", headers: { accept: "application/json" } });
    const body = (await response.json().catch(() => ({}))) as Problem;
    say(response.ok ? texts.codeSent : (body.detail ?? body.title ?? texts.network), !response.ok);
    code.focus();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      if (!stepUp.hidden) {
        if (!/^\d{6}$/.test(code.value)) {
          code.setAttribute("aria-invalid", "true");
          code.focus();
          return;
        }
        const confirmed = await post("/api/auth/step-up", { code: code.value });
        if (!confirmed.ok) return say(confirmed.problem.detail ?? confirmed.problem.title, true);
        stepUp.hidden = true;
      }
      say(texts.placing);
      const dealer = form.querySelector<HTMLElement>("select[name=dealer]") as unknown as { value: string } | null;
      const placed = await post(
        "/api/orders",
        {
          model: root.dataset.model,
          version: Number(root.dataset.version),
          options: (root.dataset.options ?? "").split(","),
          priceFen,
          dealerId: dealer?.value,
          fulfilment: fulfilment(),
          insurance: form.querySelector<HTMLInputElement>("input[name=insurance]")?.checked ?? false,
        },
        key,
      );
      if (placed.ok) {
        const order = placed.body as { id: string; cashierUrl: string | null };
        say(texts.toCashier);
        location.assign(order.cashierUrl ?? `/orders/${order.id}`);
        return;
      }
      refused(placed.problem, placed.status);
    } catch {
      say(texts.network, true);
    } finally {
      submit.disabled = false;
    }
  });

  function refused(problem: Problem, httpStatus: number): void {
    const type = problem.type.split("/").at(-1);
    if (httpStatus === 401) {
      location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    } else if (type === "step-up-required") {
      stepUp.hidden = false;
      say(problem.detail ?? problem.title, true);
      $<HTMLButtonElement>("[data-action=send-code]").focus();
    } else if (type === "price-mismatch" && problem.priceFen !== undefined) {
      priceFen = problem.priceFen;
      $("[data-total]").textContent = formatCarPrice(priceFen, lang);
      key = crypto.randomUUID();
      say(texts.priceChanged.replace("{price}", formatCarPrice(priceFen, lang)), true);
    } else if (type === "vehicle-unavailable") {
      const build = form.querySelector<HTMLInputElement>("input[name=fulfilment][value=build]");
      if (build) build.checked = true;
      form.querySelector<HTMLInputElement>("input[name=fulfilment][value=stock]")?.setAttribute("disabled", "");
      key = crypto.randomUUID();
      showDeposit();
      say(texts.soldOut.replace("{deposit}", formatYuan(deposits.build, lang)), true);
    } else if (type === "order-in-progress" && problem.orderId) {
      location.assign(`/orders/${problem.orderId}`);
    } else {
      say(problem.detail ?? problem.title, true);
    }
  }
}

async function post(
  url: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<{ ok: true; body: unknown } | { ok: false; problem: Problem; status: number }> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      accept: "application/json",
      "content-type": "application/json",
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json().catch(() => ({ type: "network", title: "" }))) as unknown;
  return response.ok ? { ok: true, body: parsed } : { ok: false, problem: parsed as Problem, status: response.status };
}
