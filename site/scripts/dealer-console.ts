/**
 * The dealer console's check-in and no-show buttons: each posts to the console API and, once the
 * booking has moved, shows its new status, disables both buttons and says so in the status region.
 * A refusal (409 when the booking changed meanwhile, 404) is read out there in the reader's language.
 */
import type { Lang } from "../../domain/money.ts";
import type { Problem } from "../../worker/problem.ts";
import type { ConsoleBooking } from "../components/console/types.ts";
import { inLang } from "./test-drive-format.ts";

type Texts = Record<"done" | "network" | "statuses" | "held", string>;

const root = document.querySelector<HTMLElement>("#console");
if (root) start(root);

function start(root: HTMLElement): void {
  const lang = (root.dataset.lang ?? "zh") as Lang;
  const texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  const statuses = JSON.parse(texts.statuses) as Record<string, string>;
  const live = root.querySelector<HTMLElement>("#console-status");
  const dealer = root.dataset.dealer ? `?dealer=${encodeURIComponent(root.dataset.dealer)}` : "";

  const say = (message: string) => {
    if (live) live.textContent = message;
  };

  function show(item: HTMLElement, booking: ConsoleBooking): void {
    const before = item.dataset.status;
    item.dataset.status = booking.status;
    const label = item.querySelector<HTMLElement>("[data-status-label]");
    if (label) label.textContent = statuses[booking.status] ?? booking.status;
    for (const button of item.querySelectorAll<HTMLButtonElement>("button[data-action]")) {
      button.disabled = button.dataset.action === "check-in" ? !booking.can.checkIn : !booking.can.noShow;
    }
    if (!booking.can.checkIn && !booking.can.noShow) item.querySelector(".actions")?.remove();
    const use = item.closest(".slot")?.querySelector<HTMLElement>(".slot-use");
    if (use && booking.status === "no_show" && before !== "no_show") {
      const held = Math.max(0, Number(use.dataset.held) - 1);
      use.dataset.held = String(held);
      use.textContent = texts.held.replace("{held}", String(held)).replace("{capacity}", use.dataset.capacity ?? "");
    }
  }

  async function act(button: HTMLButtonElement): Promise<void> {
    const item = button.closest<HTMLElement>("[data-booking]");
    const id = item?.dataset.booking;
    if (!item || !id) return;
    const buttons = [...item.querySelectorAll<HTMLButtonElement>("button[data-action]")];
    const enabled = buttons.map((b) => !b.disabled);
    for (const b of buttons) b.disabled = true;
    try {
      const response = await fetch(`/api/console/dealer/bookings/${id}/${button.dataset.action}${dealer}`, {
        method: "POST",
        headers: { accept: "application/json" },
      });
      const body = await response.json();
      if (!response.ok) {
        buttons.forEach((b, i) => {
          b.disabled = !enabled[i];
        });
        say(inLang((body as Problem).detail ?? (body as Problem).title, lang));
        return;
      }
      const booking = body as ConsoleBooking;
      const label = item.querySelector<HTMLElement>("[data-status-label]");
      label?.setAttribute("tabindex", "-1");
      label?.focus();
      show(item, booking);
      say(texts.done.replace("{name}", booking.name).replace("{status}", statuses[booking.status] ?? booking.status));
    } catch {
      buttons.forEach((b, i) => {
        b.disabled = !enabled[i];
      });
      say(texts.network);
    }
  }

  root.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
    if (button && !button.disabled) void act(button);
  });
}
