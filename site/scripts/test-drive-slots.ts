/**
 * Renders a slot grid in the browser the way SlotGrid.astro renders it on the server: a radio per
 * slot with its time and remaining demo cars; a full slot is disabled and says why.
 */
import type { SlotList } from "./test-drive-api.ts";
import { slotTime } from "./test-drive-format.ts";

export type SlotTexts = { left: string; full: string; yours: string };

/**
 * Replaces the grid's slots; `yours` marks (and disables) the slot the shopper already holds.
 * @example renderSlots(grid, list.slots, "slotStart", texts)
 */
export function renderSlots(
  grid: HTMLElement,
  slots: SlotList["slots"],
  name: string,
  texts: SlotTexts,
  yours?: string,
): void {
  grid.replaceChildren(
    ...slots.map((slot) => {
      const label = document.createElement("label");
      label.className = slot.start === yours ? "slot yours" : "slot";
      label.dataset.start = slot.start;
      label.dataset.remaining = String(slot.remaining);
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = slot.start;
      input.disabled = slot.remaining === 0 || slot.start === yours;
      const time = document.createElement("span");
      time.className = "slot-time";
      time.textContent = slotTime(slot.start);
      const left = document.createElement("span");
      left.className = "slot-left";
      const remaining = slot.remaining > 0 ? texts.left.replace("{n}", String(slot.remaining)) : texts.full;
      left.textContent = slot.start === yours ? `${texts.yours} · ${remaining}` : remaining;
      for (const child of [input, time, left]) label.appendChild(child);
      return label;
    }),
  );
}
