/**
 * The sign-in page: number → texted code → signed in. API problems are shown at the field they
 * name (`json.phone`, `json.code`) with `aria-invalid` and focus on it; everything else goes to the
 * form's alert. A resend button counts down the seconds the API asks to wait.
 */
import type { z } from "@hono/zod-openapi";
import type { Lang } from "../../domain/money.ts";
import type { Problem } from "../../worker/problem.ts";
import type { CodeSentSchema, SignedInSchema } from "../../worker/schemas/auth.ts";
import { inLang } from "./test-drive-format.ts";

type Texts = Record<
  "sent" | "resend" | "resendIn" | "network" | "sending" | "checking" | "welcome" | "back" | "signedOut" | "roles",
  string
>;
type Answer<T> = { ok: true; body: T; retryAfter: number } | { ok: false; problem: Problem; retryAfter: number };

async function post<T>(url: string, body?: unknown): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const retryAfter = Number(response.headers.get("retry-after") ?? 0);
  const parsed = response.status === 204 ? null : await response.json();
  return response.ok
    ? { ok: true, body: parsed as T, retryAfter }
    : { ok: false, problem: parsed as Problem, retryAfter };
}

const root = document.querySelector<HTMLElement>("#login");
if (root) start(root);

function start(root: HTMLElement): void {
  const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector(selector) as T;
  const lang = (root.dataset.lang ?? "zh") as Lang;
  const texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  const roleNames = JSON.parse(texts.roles) as Record<string, string>;
  const phoneForm = $<HTMLFormElement>("#login-phone");
  const codeForm = $<HTMLFormElement>("#login-code");
  const phoneInput = $<HTMLInputElement>("#login-phone-input");
  const codeInput = $<HTMLInputElement>("#login-code-input");
  const resend = $<HTMLButtonElement>("[data-action=resend]");
  const formError = $("#login-error");
  const FIELDS: Record<string, HTMLInputElement> = { "json.phone": phoneInput, "json.code": codeInput };
  let busy = false;
  let countdown: ReturnType<typeof setInterval> | undefined;

  for (const button of root.querySelectorAll<HTMLButtonElement>("[data-needs-js]")) button.disabled = false;

  function clearErrors(): void {
    formError.textContent = "";
    $("#login-status").textContent = "";
    for (const input of Object.values(FIELDS)) {
      input.removeAttribute("aria-invalid");
      const error = document.getElementById(`login-err-${input.name}`);
      if (error) error.textContent = "";
    }
  }

  function showProblem(problem: Problem): void {
    let first: HTMLInputElement | undefined;
    for (const { path, message } of problem.errors ?? []) {
      const input = FIELDS[path];
      const error = input && document.getElementById(`login-err-${input.name}`);
      if (!input || !error || input.closest("form")?.hidden) continue;
      input.setAttribute("aria-invalid", "true");
      error.textContent = inLang(message, lang);
      first ??= input;
    }
    if (first) first.focus();
    else formError.textContent = inLang(problem.detail ?? problem.title, lang);
  }

  function waitToResend(seconds: number): void {
    clearInterval(countdown);
    let left = seconds;
    const tick = () => {
      resend.disabled = left > 0;
      resend.textContent = left > 0 ? texts.resendIn.replace("{s}", String(left)) : texts.resend;
      left -= 1;
      if (left < 0) clearInterval(countdown);
    };
    tick();
    countdown = setInterval(tick, 1000);
  }

  async function submit(button: HTMLButtonElement, label: string, work: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    const original = button.textContent;
    button.disabled = true;
    button.textContent = label;
    clearErrors();
    try {
      await work();
    } catch {
      formError.textContent = texts.network;
    } finally {
      busy = false;
      button.disabled = false;
      button.textContent = original;
    }
  }

  async function sendCode(button: HTMLButtonElement): Promise<void> {
    await submit(button, texts.sending, async () => {
      const answer = await post<z.infer<typeof CodeSentSchema>>("/api/auth/code", { phone: phoneInput.value });
      if (!answer.ok) {
        if (!codeForm.hidden && answer.retryAfter > 0) waitToResend(answer.retryAfter);
        return showProblem(answer.problem);
      }
      $("#login-sent").textContent = texts.sent
        .replace("{phone}", answer.body.sentTo)
        .replace("{minutes}", String(answer.body.expiresInSeconds / 60));
      phoneForm.hidden = true;
      codeForm.hidden = false;
      codeInput.value = "";
      codeInput.focus();
      waitToResend(answer.body.resendAfterSeconds);
    });
  }

  phoneForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void sendCode(phoneForm.querySelector("button[type=submit]") as HTMLButtonElement);
  });
  resend.addEventListener("click", () => void sendCode(resend));

  $("[data-action=change]").addEventListener("click", () => {
    clearErrors();
    codeForm.hidden = true;
    phoneForm.hidden = false;
    phoneInput.focus();
  });

  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = codeForm.querySelector("button[type=submit]") as HTMLButtonElement;
    void submit(button, texts.checking, async () => {
      const answer = await post<z.infer<typeof SignedInSchema>>("/api/auth/verify", {
        phone: phoneInput.value,
        code: codeInput.value.trim(),
      });
      if (!answer.ok) return showProblem(answer.problem);
      clearInterval(countdown);
      const { user, created } = answer.body;
      $("[data-field=phone]").textContent = user.phone;
      $("[data-field=roles]").textContent = user.roles
        .map((role) => roleNames[role] ?? role)
        .join(lang === "en" ? ", " : "、");
      const title = $("#login-done-title");
      title.textContent = created ? texts.welcome : texts.back;
      $("#login-steps").hidden = true;
      $("#login-done").hidden = false;
      title.focus();
    });
  });

  $("[data-action=logout]").addEventListener("click", async () => {
    await post("/api/auth/logout");
    clearErrors();
    phoneInput.value = "";
    codeForm.hidden = true;
    phoneForm.hidden = false;
    $("#login-done").hidden = true;
    $("#login-steps").hidden = false;
    $("#login-status").textContent = texts.signedOut;
    phoneInput.focus();
  });
}
