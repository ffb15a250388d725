/**
 * Test-drive booking on the dealer page: live slot grid for the chosen trim and day, booking with
 * one Idempotency-Key per form (a double click or a retry books once), API problems shown at the
 * fields they name, and the confirmation with calendar file, reschedule and cancel. The manage
 * token lives in the URL fragment and localStorage, which never reach the server.
 */
import type { Lang } from "../../domain/money.ts";
import { shanghaiDate } from "../../domain/time.ts";
import {
  type Access,
  type Answer,
  type Booking,
  book,
  calendarUrl,
  cancel,
  booking as fetchBooking,
  type Problem,
  reschedule,
  slotsOf,
} from "./test-drive-api.ts";
import { dayLabel, inLang, slotTime } from "./test-drive-format.ts";
import { renderSlots } from "./test-drive-slots.ts";

type Texts = Record<
  "left" | "full" | "yours" | "loading" | "count" | "none" | "chooseSlot" | "check" | "network",
  string
> &
  Record<"booked" | "rescheduled" | "cancelled" | "other", string>;

const section = document.querySelector<HTMLElement>("#test-drive[data-dealer]");
const form = document.querySelector<HTMLFormElement>("#td-form");
if (section && form) start(section, form);

function start(section: HTMLElement, form: HTMLFormElement): void {
  const $ = <T = HTMLElement>(selector: string) => section.querySelector(selector) as T;
  const lang = (section.dataset.lang ?? "zh") as Lang;
  const dealerId = section.dataset.dealer ?? "";
  const texts = JSON.parse(section.dataset.texts ?? "{}") as Texts;
  const storageKey = `marque.testDrive.${dealerId}`;
  const picker = $<HTMLFormElement>("#td-pick");
  const done = $<HTMLElement>("#td-done");
  const move = $<HTMLFormElement>("#td-move");
  const moveDate = $<HTMLSelectElement>("#td-move-date");
  const cancelPanel = $<HTMLElement>("#td-cancel");
  const ics = $<HTMLAnchorElement>("[data-ics]");
  let idempotencyKey = crypto.randomUUID();
  let submitting = false;
  let access: Access | null = null;
  let current: Booking | null = null;
  const loads = new Map<string, AbortController>();

  for (const element of section.querySelectorAll<HTMLElement>("[data-no-js]")) element.hidden = true;
  for (const button of section.querySelectorAll<HTMLButtonElement>("[data-needs-js]")) button.disabled = false;

  const trimSelect = $<HTMLSelectElement>("#td-trim");
  const checked = (name: string) => section.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
  const words = (message: string) => inLang(message, lang);

  async function loadSlots(grid: string, status: string, trimId: string, date: string, name: string, yours?: string) {
    loads.get(grid)?.abort();
    const controller = new AbortController();
    loads.set(grid, controller);
    const statusLine = $(status);
    statusLine.textContent = texts.loading;
    $(grid).setAttribute("aria-busy", "true");
    try {
      const answer = await slotsOf(dealerId, trimId, date, controller.signal);
      if (!answer.ok) {
        $(grid).replaceChildren();
        statusLine.textContent = words(answer.problem.errors?.[0]?.message ?? answer.problem.title);
        return;
      }
      renderSlots($(grid), answer.body.slots, name, texts, yours);
      const free = answer.body.slots.filter((slot) => slot.remaining > 0 && slot.start !== yours).length;
      statusLine.textContent = free > 0 ? texts.count.replace("{n}", String(free)) : texts.none;
    } catch (error) {
      if ((error as Error).name !== "AbortError") statusLine.textContent = texts.network;
    } finally {
      if (loads.get(grid) === controller) $(grid).removeAttribute("aria-busy");
    }
  }

  function pickedSlots(): Promise<void> {
    const trimId = trimSelect.value;
    const date = checked("date") ?? "";
    const url = new URL(location.href);
    url.searchParams.set("testTrim", trimId);
    url.searchParams.set("date", date);
    history.replaceState(null, "", url);
    return loadSlots("#td-slots", "#td-slot-status", trimId, date, "slotStart");
  }

  picker.addEventListener("change", () => void pickedSlots());
  picker.addEventListener("submit", (event) => {
    event.preventDefault();
    void pickedSlots();
  });

  const FIELDS: Record<string, string> = {
    "json.name": "name",
    "json.phone": "phone",
    "json.consent": "consent",
    "json.slotStart": "slotStart",
  };

  function clearErrors(scope: HTMLElement): void {
    for (const error of scope.querySelectorAll(".field-error, .form-error")) error.textContent = "";
    for (const field of scope.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
  }

  function fieldError(field: string, message: string): HTMLElement | null {
    const error = section.querySelector<HTMLElement>(`#td-err-${field}`);
    if (!error) return null;
    error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
    const input =
      field === "slotStart"
        ? (section.querySelector<HTMLInputElement>("#td-slots input:not(:disabled)") ?? $("#td-slot-field"))
        : section.querySelector<HTMLElement>(`#td-${field}`);
    if (field !== "slotStart") input?.setAttribute("aria-invalid", "true");
    return input;
  }

  function showProblem(problem: Problem, slotChosen: boolean): void {
    const targets: (HTMLElement | null)[] = [];
    const general: string[] = [];
    for (const error of problem.errors ?? []) {
      const field = FIELDS[error.path];
      const message = field === "slotStart" && !slotChosen ? texts.chooseSlot : words(error.message);
      if (field) targets.push(fieldError(field, message));
      else general.push(message);
    }
    if (!problem.errors?.length) {
      const message = words(problem.detail && problem.status !== 409 ? problem.detail : problem.title);
      if (/slot-full|already-booked/.test(problem.type)) {
        targets.push(fieldError("slotStart", message));
        void pickedSlots();
      } else general.push(message);
    }
    const marked = targets.length;
    $("#td-error").textContent = [marked > 0 ? texts.check.replace("{n}", String(marked)) : "", ...general]
      .filter(Boolean)
      .join(" ");
    targets.find((target) => target !== null)?.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (submitting) return;
    submitting = true;
    form.setAttribute("aria-busy", "true");
    clearErrors(form);
    const slotStart = checked("slotStart");
    const request = {
      dealerId,
      trimId: trimSelect.value,
      slotStart,
      name: $<HTMLInputElement>("#td-name").value,
      phone: $<HTMLInputElement>("#td-phone").value,
      consent: $<HTMLInputElement>("#td-consent").checked,
    };
    try {
      const answer = await retryOnce(() => book(request, idempotencyKey));
      if (answer.ok) {
        idempotencyKey = crypto.randomUUID();
        remember({ id: answer.body.id, token: answer.body.manageToken });
        show(answer.body.booking, true);
      } else showProblem(answer.problem, slotStart !== undefined);
    } catch {
      $("#td-error").textContent = texts.network;
    } finally {
      submitting = false;
      form.removeAttribute("aria-busy");
    }
  });

  async function retryOnce<T>(attempt: () => Promise<Answer<T>>): Promise<Answer<T>> {
    try {
      return await attempt();
    } catch {
      return attempt();
    }
  }

  function remember(next: Access | null): void {
    access = next;
    const url = new URL(location.href);
    url.hash = next ? new URLSearchParams({ booking: next.id, token: next.token }).toString() : "test-drive";
    history.replaceState(null, "", url);
    if (next) localStorage.setItem(storageKey, JSON.stringify(next));
    else localStorage.removeItem(storageKey);
  }

  function show(booking: Booking, focus: boolean): void {
    current = booking;
    const text = (field: string, value: string) => {
      const element = done.querySelector<HTMLElement>(`[data-field="${field}"]`);
      if (element) element.textContent = value;
    };
    const titles: Record<string, string> = {
      booked: texts.booked,
      rescheduled: texts.rescheduled,
      cancelled: texts.cancelled,
    };
    const { trim, dealer, slot } = booking;
    text("title", titles[booking.status] ?? texts.other);
    text("car", lang === "en" ? `${trim.modelNameEn} ${trim.nameEn}` : `${trim.modelName} ${trim.name}`);
    text("when", `${dayLabel(slot.start, lang)} ${slotTime(slot.start)}–${slotTime(slot.end)}`);
    text("dealer", lang === "en" ? `${dealer.nameEn}, ${dealer.addressEn}` : `${dealer.name}，${dealer.address}`);
    text("who", `${booking.name} · ${booking.phone}`);
    text("id", booking.id);
    const changeable = booking.status === "booked" || booking.status === "rescheduled";
    for (const action of ["reschedule", "cancel"]) $(`[data-action="${action}"]`).hidden = !changeable;
    $("[data-action=again]").hidden = changeable;
    closePanels();
    $("#td-booking").hidden = true;
    done.hidden = false;
    void refreshCalendar();
    if (focus) $("#td-done-title").focus();
  }

  async function refreshCalendar(): Promise<void> {
    if (!access || !current) return;
    const url = await calendarUrl(access);
    if (ics.href.startsWith("blob:")) URL.revokeObjectURL(ics.href);
    ics.hidden = url === null;
    if (url) {
      ics.href = url;
      ics.download = `test-drive-${current.id}.ics`;
    }
  }

  function closePanels(): void {
    for (const [panel, action] of [
      [move, "reschedule"],
      [cancelPanel, "cancel"],
    ] as const) {
      panel.hidden = true;
      $(`[data-action="${action}"]`).setAttribute("aria-expanded", "false");
    }
    clearErrors(done);
  }

  function toggle(panel: HTMLElement, action: string): boolean {
    const opening = panel.hidden;
    closePanels();
    panel.hidden = !opening;
    $(`[data-action="${action}"]`).setAttribute("aria-expanded", String(opening));
    return opening;
  }

  const loadMoveSlots = () => {
    if (!current) return;
    void loadSlots("#td-move-slots", "#td-move-status", current.trim.id, moveDate.value, "newSlot", current.slot.start);
  };
  moveDate.addEventListener("change", loadMoveSlots);

  done.addEventListener("click", async (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>("[data-action]")?.dataset.action;
    if (action === "reschedule" && current && toggle(move, "reschedule")) {
      moveDate.value = shanghaiDate(Date.parse(current.slot.start));
      loadMoveSlots();
      moveDate.focus();
    } else if (action === "cancel" && toggle(cancelPanel, "cancel")) {
      $<HTMLButtonElement>("[data-action=confirm-cancel]").focus();
    } else if (action === "keep") {
      closePanels();
      $("[data-action=cancel]").focus();
    } else if (action === "confirm-cancel" && access) {
      await change(() => cancel(access as Access), "#td-manage-error");
    } else if (action === "again") {
      remember(null);
      current = null;
      done.hidden = true;
      $("#td-booking").hidden = false;
      await pickedSlots();
      $<HTMLInputElement>("#td-name").focus();
    }
  });

  move.addEventListener("submit", async (event) => {
    event.preventDefault();
    const slotStart = checked("newSlot");
    if (!slotStart || !access) {
      $("#td-err-move").textContent = texts.chooseSlot;
      return;
    }
    await change(() => reschedule(access as Access, slotStart), "#td-err-move");
  });

  async function change(request: () => Promise<Answer<Booking>>, errorAt: string): Promise<void> {
    clearErrors(done);
    try {
      const answer = await request();
      if (answer.ok) show(answer.body, true);
      else {
        $(errorAt).textContent = words(answer.problem.errors?.[0]?.message ?? answer.problem.title);
        if (errorAt === "#td-err-move") loadMoveSlots();
      }
    } catch {
      $(errorAt).textContent = texts.network;
    }
  }

  function stored(): Access | null {
    try {
      const value = JSON.parse(localStorage.getItem(storageKey) ?? "null") as Access | null;
      return typeof value?.id === "string" && typeof value.token === "string" ? value : null;
    } catch {
      return null;
    }
  }

  async function restore(): Promise<void> {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const fromUrl = fragment.get("booking") && fragment.get("token");
    const saved = fromUrl ? { id: fragment.get("booking") ?? "", token: fragment.get("token") ?? "" } : stored();
    if (!saved) return;
    const answer = await fetchBooking(saved).catch(() => null);
    if (answer?.ok && (fromUrl || answer.body.status !== "cancelled")) {
      remember(saved);
      show(answer.body, false);
    } else if (answer) localStorage.removeItem(storageKey);
  }

  void restore();
}
