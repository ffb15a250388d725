/**
 * The hotspot buttons over the 3D car (markup in site/components/viewer/Viewer.astro): each is
 * moved to its feature's place after every drawn frame and hidden while the view does not show
 * it; pressing one opens a note that explains the feature (Escape, the close button, a second
 * press or a press elsewhere closes it). No Babylon here: the viewer reports places (`Spot`).
 */
import type { HotspotText } from "./hotspot-text.ts";

type Spot = { x: number; y: number };

export interface Hotspots {
  /** Moves the buttons to these places; a feature without a place is hidden (and its note closed). */
  place(spots: ReadonlyMap<string, Spot | null>): void;
  /** Hides every button and the note (the 3D view went away). */
  clear(): void;
}

/**
 * Wires the hotspot buttons under `root`; `describe` gives a feature's text when its note opens.
 * @example const hotspots = wireHotspots(root, (feature) => hotspotText(feature, context())); viewer.onSpots(hotspots.place);
 */
export function wireHotspots(root: HTMLElement, describe: (feature: string) => HotspotText | null): Hotspots {
  const layer = root.querySelector<HTMLElement>("[data-hotspots]");
  const note = root.querySelector<HTMLElement>("[data-hotspot-note]");
  const title = note?.querySelector<HTMLElement>("[data-hotspot-title]");
  const text = note?.querySelector<HTMLElement>("[data-hotspot-text]");
  const closer = note?.querySelector<HTMLButtonElement>("[data-hotspot-close]");
  const buttons = new Map(
    [...(layer?.querySelectorAll<HTMLButtonElement>("[data-hotspot]") ?? [])].map((b) => [b.dataset.hotspot ?? "", b]),
  );
  let open: string | null = null;
  let last: ReadonlyMap<string, Spot | null> = new Map();

  for (const [feature, button] of buttons) {
    const label = describe(feature)?.title;
    if (label) button.setAttribute("aria-label", label);
  }

  const position = () => {
    if (!layer || !note || !open) return;
    const spot = last.get(open);
    if (!spot) return;
    if (layer.clientWidth < 480) {
      note.dataset.docked = "true";
      note.style.left = "";
      note.style.top = "";
      return;
    }
    delete note.dataset.docked;
    const width = note.offsetWidth;
    const height = note.offsetHeight;
    const left = Math.min(Math.max(8, spot.x - width / 2), layer.clientWidth - width - 8);
    const below = spot.y + 22;
    const top = below + height < layer.clientHeight - 8 ? below : Math.max(8, spot.y - 22 - height);
    note.style.left = `${left}px`;
    note.style.top = `${top}px`;
  };

  const close = (focusButton: boolean) => {
    if (!open || !note) return;
    const button = buttons.get(open);
    const hadFocus = note.contains(document.activeElement);
    open = null;
    note.hidden = true;
    if (hadFocus && !focusButton) root.querySelector("canvas")?.focus();
    button?.setAttribute("aria-expanded", "false");
    if (focusButton && button && !button.hidden) button.focus();
  };

  const show = (feature: string) => {
    const description = describe(feature);
    if (!note || !title || !text || !description) return;
    if (open) buttons.get(open)?.setAttribute("aria-expanded", "false");
    open = feature;
    title.textContent = description.title;
    text.textContent = description.text;
    buttons.get(feature)?.setAttribute("aria-label", description.title);
    buttons.get(feature)?.setAttribute("aria-expanded", "true");
    note.hidden = false;
    position();
  };

  for (const [feature, button] of buttons) {
    button.addEventListener("click", () => (open === feature ? close(true) : show(feature)));
  }
  closer?.addEventListener("click", () => close(true));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
    }
  });
  document.addEventListener("pointerdown", (event) => {
    const target = event.target as Node | null;
    if (!open || !target || note?.contains(target)) return;
    if ([...buttons.values()].some((button) => button.contains(target))) return;
    close(false);
  });

  const place = (spots: ReadonlyMap<string, Spot | null>) => {
    last = spots;
    for (const [feature, button] of buttons) {
      const spot = spots.get(feature);
      if (!spot) {
        if (open === feature) close(false);
        button.hidden = true;
        continue;
      }
      button.hidden = false;
      button.style.transform = `translate(${spot.x.toFixed(1)}px, ${spot.y.toFixed(1)}px)`;
    }
    position();
  };
  return { place, clear: () => place(new Map()) };
}
