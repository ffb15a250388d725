import { choicesIn, withChoices } from "../../domain/configurator/choice-codec.ts";
import { choose } from "../../domain/configurator/choose.ts";
import { compileModel } from "../../domain/configurator/compile.ts";
import { History } from "../../domain/configurator/history.ts";
import { Knowledge } from "../../domain/configurator/knowledge.ts";
import { priceBreakdown } from "../../domain/configurator/pricing.ts";
import type { ProductModel } from "../../domain/configurator/product-model.ts";
import { type Choice, type OptionState, Reasoner } from "../../domain/configurator/reasoner.ts";
import { formatCarPrice, formatYuan, type Lang } from "../../domain/money.ts";
import { shanghaiDate } from "../../domain/time.ts";
import {
  CONFIGURED_PRICE_EVENT,
  CONFIGURED_QUOTE_EVENT,
  type ConfiguredPrice,
  type ConfiguredQuote,
} from "../components/finance/widget.ts";
import { SAVE_PARAM, saveConfiguration, snapshotOrPicture } from "./configured-car.ts";

type Page = { slug: string; version: number; model: ProductModel; name: string };

const root = document.querySelector<HTMLElement>(".configurator");
const data = document.getElementById("product-model")?.textContent;

if (root && data) start(root, JSON.parse(data) as Page);

function start(root: HTMLElement, { slug, version, model, name: modelName }: Page): void {
  const lang = (root.dataset.lang === "en" ? "en" : "zh") as Lang;
  const t = (zh: string, en: string) => (lang === "en" ? en : zh);
  const name = (code: string) => {
    const option = model.options.find((o) => o.code === code);
    return option ? t(option.name.zh, option.name.en) : code;
  };
  const reasoner = new Reasoner(compileModel(model));
  const knowledge = new Knowledge(model);
  let counting: "pending" | "done" = "pending";
  const known = new Set(model.options.map((o) => o.code));
  const saveFlag = `${SAVE_PARAM}=1`;
  const pairs = location.search.replace(/^\?/, "").split("&");
  const resumeSave = pairs.includes(saveFlag);
  if (resumeSave) {
    const query = pairs.filter((pair) => pair !== "" && pair !== saveFlag).join("&");
    window.history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
  }
  const fromUrl = choicesIn(location.search).filter((c) => known.has(c.option));
  const firstTrim = model.groups.find((g) => g.code === "TRIM")?.options[0];
  let history = History.of(fromUrl.length > 0 || !firstTrim ? fromUrl : [{ option: firstTrim, selected: true }]);
  let states = new Map<string, OptionState>();
  const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector) as T;
  const status = $<HTMLElement>("[data-status]");
  const dialog = $<HTMLDialogElement>("[data-conflict]");
  const stateLabel: Record<OptionState, string> = {
    chosen: t("已选", "Selected"),
    rejected: t("已排除", "Not wanted"),
    forced: t("已包含", "Included"),
    excluded: t("当前不可选 · 点击查看", "Not available now · tap for details"),
    free: "",
  };

  const trimCodes = new Set(model.groups.find((g) => g.code === "TRIM")?.options ?? []);
  let totalFen = 0;
  let quote: ConfiguredQuote | null = null;
  /** The 3D view's picture of the configuration the summary shows, reused as the saved thumbnail. */
  let snapshot: { configuration: string; src: string } | null = null;
  const complete = () => model.groups.every((g) => g.min === 0 || g.options.some((code) => selected().has(code)));
  const all = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
  const selected = () => new Set([...states].filter(([, s]) => s === "chosen" || s === "forced").map(([code]) => code));

  /**
   * The exact number of configurations left. Until the idle compile below has finished, a count
   * gets no time of its own (a click must not wait for it); it appears when the compile is done.
   */
  function showCount(): void {
    const count = knowledge.count(history.choices, counting === "done" ? 300 : 0);
    $<HTMLElement>("[data-count]").textContent =
      count.status === "ok"
        ? t(
            `符合当前选择的配置共 ${count.count.toLocaleString("zh-CN")} 种`,
            `${count.count.toLocaleString("en-US")} configurations match your choices`,
          )
        : "";
  }

  function render(): void {
    const result = reasoner.propagate(history.choices, 500);
    if (result.status === "gave-up") {
      status.textContent = t("配置较复杂，请稍后再试。", "This is taking too long; please try again.");
      return;
    }
    if (result.status === "contradiction") {
      history = history.replace(history.choices.filter((c) => !result.conflicting.some((x) => x.option === c.option)));
      render();
      return;
    }
    states = result.states;
    for (const button of root.querySelectorAll<HTMLButtonElement>("[data-option]")) {
      const state = states.get(button.dataset.option ?? "") ?? "free";
      button.dataset.state = state;
      button.setAttribute("aria-pressed", String(state === "chosen" || state === "forced"));
      const label = button.querySelector("[data-state-label]");
      if (label) label.textContent = stateLabel[state];
    }
    const breakdown = priceBreakdown(model, selected(), { date: shanghaiDate() });
    $<HTMLElement>("[data-lines]").replaceChildren(
      ...breakdown.lines.map((line) => {
        const item = document.createElement("li");
        item.textContent = `${t(line.name.zh, line.name.en)} · ${line.priceFen === 0 ? t("免费", "free") : formatYuan(line.priceFen, lang)}${line.rule ? ` (${t(line.rule.zh, line.rule.en)})` : ""}`;
        return item;
      }),
    );
    $<HTMLElement>("[data-total]").textContent = formatCarPrice(breakdown.totalFen, lang);
    const trim = [...selected()].find((code) => trimCodes.has(code));
    const configured: ConfiguredPrice = {
      priceFen: breakdown.totalFen,
      options: [...selected()],
      ...(trim && { trimName: name(trim) }),
    };
    if (breakdown.totalFen !== totalFen) $<HTMLElement>("[data-monthly]").setAttribute("aria-busy", "true");
    totalFen = breakdown.totalFen;
    root.dataset.configuredPriceFen = String(configured.priceFen);
    root.dataset.configuredOptions = configured.options.join(",");
    root.dataset.configuredTrimName = configured.trimName ?? "";
    document.dispatchEvent(new CustomEvent(CONFIGURED_PRICE_EVENT, { detail: configured }));
    const open = model.groups.filter((g) => g.min > 0 && !g.options.some((code) => selected().has(code)));
    status.textContent =
      open.length === 0
        ? t("配置完整，可以确认。", "Your configuration is complete.")
        : t(
            `还需选择：${open.map((g) => g.name.zh).join("、")}`,
            `Still to choose: ${open.map((g) => g.name.en).join(", ")}`,
          );
    showCount();
    $<HTMLButtonElement>("[data-undo]").disabled = !history.canUndo;
    $<HTMLButtonElement>("[data-redo]").disabled = !history.canRedo;
    window.history.replaceState(null, "", `${location.pathname}${withChoices(location.search, history.choices)}`);
    $<HTMLElement>("[data-check-result]").textContent = "";
    for (const out of all("[data-save-result]")) out.replaceChildren();
    $<HTMLElement>("[data-reserve]").hidden = true;
    $<HTMLElement>("[data-summary]").hidden = true;
  }

  /** The summary's monthly payment: the finance widget's quote for the price shown now. */
  document.addEventListener(CONFIGURED_QUOTE_EVENT, (event) => {
    const detail = (event as CustomEvent<ConfiguredQuote>).detail;
    if (detail.priceFen !== totalFen) return;
    quote = detail;
    const monthly = $<HTMLElement>("[data-monthly]");
    monthly.textContent = formatYuan(detail.monthlyPaymentFen, lang);
    monthly.dataset.monthlyFen = String(detail.monthlyPaymentFen);
    monthly.dataset.priceFen = String(detail.priceFen);
    monthly.removeAttribute("aria-busy");
    $<HTMLElement>("[data-summary-monthly]").textContent = formatYuan(detail.monthlyPaymentFen, lang);
  });

  /** Fills the summary card for the server-confirmed price and shows it, with a picture of the car. */
  async function showSummary(priceFen: number, reserveHref: string): Promise<void> {
    const summary = $<HTMLElement>("[data-summary]");
    const chosen = selected();
    const trim = [...chosen].find((code) => trimCodes.has(code));
    $<HTMLElement>("[data-summary-name]").textContent = trim ? `${modelName} · ${name(trim)}` : modelName;
    $<HTMLElement>("[data-summary-options]").replaceChildren(
      ...model.groups.flatMap((group) => {
        const picked = group.options.filter((code) => chosen.has(code));
        if (picked.length === 0) return [];
        const term = document.createElement("dt");
        term.textContent = t(group.name.zh, group.name.en);
        const detail = document.createElement("dd");
        detail.textContent = picked.map(name).join(t("、", ", "));
        return [term, detail];
      }),
    );
    $<HTMLElement>("[data-summary-total]").textContent = formatCarPrice(priceFen, lang);
    $<HTMLElement>("[data-summary-monthly]").textContent = quote ? formatYuan(quote.monthlyPaymentFen, lang) : "—";
    const shared = location.search
      .replace(/^\?/, "")
      .split("&")
      .filter((pair) => pair.startsWith("c=") || pair === "lang=en")
      .join("&");
    $<HTMLInputElement>("[data-share-url]").value =
      `${location.origin}${location.pathname}${shared ? `?${shared}` : ""}`;
    $<HTMLElement>("[data-copy-result]").textContent = "";
    $<HTMLAnchorElement>("[data-summary-reserve]").href = reserveHref;
    summary.hidden = false;
    summary.querySelector<HTMLElement>("h2")?.focus();
    summary.scrollIntoView({ block: "start", behavior: "smooth" });
    const image = $<HTMLImageElement>("[data-summary-image]");
    const configuration = [...chosen].join(",");
    const picture = await snapshotOrPicture(root.dataset.picture, 10_000);
    if (picture?.source === "3d" && configuration === [...selected()].join(",")) {
      snapshot = { configuration, src: picture.src };
    }
    if (picture) {
      image.src = picture.src;
      image.dataset.source = picture.source;
      $<HTMLElement>("[data-summary-caption]").hidden = picture.source === "3d";
    }
  }

  async function save(): Promise<void> {
    const outs = all("[data-save-result]");
    const say = (text: string, link?: { href: string; text: string }) => {
      for (const out of outs) {
        const nodes: (string | Node)[] = [text];
        if (link) {
          const anchor = document.createElement("a");
          anchor.href = link.href;
          anchor.textContent = link.text;
          nodes.push(" ", anchor);
        }
        out.replaceChildren(...nodes);
      }
    };
    if (!complete()) {
      say(t("请先完成所有必选项，再保存配置。", "Finish every required choice before saving."));
      return;
    }
    for (const button of all("[data-save]")) (button as HTMLButtonElement).disabled = true;
    say(t("正在保存…", "Saving…"));
    const outcome =
      root.dataset.signedIn === "true"
        ? await saveConfiguration(
            { model: slug, version, options: [...selected()] },
            snapshot?.configuration === [...selected()].join(",") ? snapshot.src : undefined,
          )
        : ({ status: "signed-out" } as const);
    for (const button of all("[data-save]")) (button as HTMLButtonElement).disabled = false;
    const list = {
      href: root.dataset.savedList ?? "/configurations",
      text: t("查看我的配置", "See my configurations"),
    };
    switch (outcome.status) {
      case "saved":
      case "exists":
        root.dataset.savedId = outcome.id;
        return say(
          outcome.status === "saved"
            ? t(
                `已保存到我的配置（${formatCarPrice(outcome.priceFen, lang)}）。`,
                `Saved to your account at ${formatCarPrice(outcome.priceFen, lang)}.`,
              )
            : t("这个配置已在我的配置中。", "This configuration is already saved."),
          list,
        );
      case "signed-out": {
        const login = new URL(root.dataset.login ?? "/login", location.href);
        login.searchParams.set(
          "next",
          `${location.pathname}${location.search ? `${location.search}&` : "?"}${saveFlag}`,
        );
        say(t("请先登录，登录后将回到这里保存。", "Sign in first; you will come back here to save."));
        location.assign(login.pathname + login.search);
        return;
      }
      case "full":
        return say(
          t(
            "已保存的配置已达上限，请先删除不需要的。",
            "You have saved as many configurations as you can; delete one first.",
          ),
          list,
        );
      case "invalid":
        return say(
          t("这个配置不符合车型规则，无法保存。", "This configuration breaks the model's rules and cannot be saved."),
        );
      default:
        return say(t("保存失败，请检查网络后重试。", "Saving failed; check your connection and try again."));
    }
  }

  /** Picks an option the current choices rule out: a plain switch within its one-of group, else a repair to confirm. */
  function switchTo(option: string): void {
    const chosen = choose(reasoner, model, history.choices, option);
    if (chosen.status === "ok") {
      history = history.replace(chosen.choices);
      render();
    } else if (chosen.status === "needs-repair") {
      offerRepair(option, chosen.base);
    }
  }

  function offerRepair(option: string, base: readonly Choice[]): void {
    const target: Choice = { option, selected: true };
    const repair = reasoner.repair(base, target, 1000);
    const title = $<HTMLElement>("[data-conflict-title]");
    const body = $<HTMLElement>("[data-conflict-body]");
    const apply = $<HTMLButtonElement>("[data-conflict-apply]");
    const why = reasoner.explain(base, option, 1000);
    const reasons =
      why.status === "ok"
        ? why.sources
            .filter((s) => s.kind === "rule")
            .map((s) => (s.kind === "rule" ? t(s.rule.message.zh, s.rule.message.en) : ""))
        : [];
    title.textContent = t(`选择「${name(option)}」需要调整`, `${name(option)} needs some changes`);
    if (repair.status !== "ok") {
      body.textContent = t(
        "这个选项与车型规则冲突，暂不可选。",
        "This option cannot be combined with this model's rules.",
      );
      apply.hidden = true;
    } else {
      const dropped = repair.drop.map((c) => name(c.option));
      const before = selected();
      const after = reasoner.propagate(repair.choices, 1000);
      const added =
        after.status === "ok"
          ? [...after.states]
              .filter(([code, s]) => (s === "forced" || s === "chosen") && !before.has(code) && code !== option)
              .map(([code]) => name(code))
          : [];
      body.textContent = [
        reasons.length > 0 ? reasons.join(t("；", "; ")) : "",
        dropped.length > 0 ? t(`将取消：${dropped.join("、")}`, `This removes: ${dropped.join(", ")}`) : "",
        added.length > 0 ? t(`将加入：${added.join("、")}`, `This adds: ${added.join(", ")}`) : "",
      ]
        .filter(Boolean)
        .join(t("。", ". "));
      apply.hidden = false;
      dialog.onclose = () => {
        if (dialog.returnValue === "apply") {
          history = history.replace(repair.choices);
          render();
        }
      };
    }
    dialog.showModal();
  }

  root.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("[data-option]");
    if (!button) return;
    const option = button.dataset.option ?? "";
    const state = states.get(option);
    if (state === "chosen") history = history.clear(option);
    else if (state === "excluded") return switchTo(option);
    else if (state !== "forced") history = history.choose({ option, selected: true });
    render();
  });
  $<HTMLButtonElement>("[data-undo]").addEventListener("click", () => {
    history = history.undo();
    render();
  });
  $<HTMLButtonElement>("[data-redo]").addEventListener("click", () => {
    history = history.redo();
    render();
  });
  for (const button of root.querySelectorAll<HTMLButtonElement>("[data-complete]")) {
    button.addEventListener("click", () => {
      const completion =
        button.dataset.complete === "cheapest"
          ? knowledge.cheapest(history.choices, { date: shanghaiDate() }, 1000)
          : knowledge.mostPopular(history.choices, 1000);
      if (completion.status !== "ok") {
        status.textContent = t(
          "暂时无法自动完成配置。",
          "The configuration cannot be completed automatically right now.",
        );
        return;
      }
      history = history.replace(completion.selected.map((option) => ({ option, selected: true })));
      render();
    });
  }
  $<HTMLButtonElement>("[data-reset]").addEventListener("click", () => {
    history = history.replace([]);
    render();
  });
  $<HTMLButtonElement>("[data-check]").addEventListener("click", async () => {
    const out = $<HTMLElement>("[data-check-result]");
    const options = [...selected()];
    const priceFen = priceBreakdown(model, selected(), { date: shanghaiDate() }).totalFen;
    out.textContent = t("正在向服务器确认…", "Checking with the store…");
    try {
      const response = await fetch("/api/configurations/validate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: slug, version, options, priceFen }),
      });
      const body = (await response.json()) as { priceFen?: number; errors?: { message: string }[] };
      const reserve = $<HTMLAnchorElement>("[data-reserve]");
      reserve.hidden = response.status !== 200;
      const target = new URL(reserve.href, location.href);
      target.search = new URLSearchParams({
        ...Object.fromEntries(target.searchParams),
        model: slug,
        v: String(version),
        o: options.join(","),
      }).toString();
      reserve.href = target.pathname + target.search;
      if (response.status === 200) void showSummary(body.priceFen ?? 0, reserve.href);
      out.textContent =
        response.status === 200
          ? t(
              `已确认：${formatCarPrice(body.priceFen ?? 0, lang)}`,
              `Confirmed at ${formatCarPrice(body.priceFen ?? 0, lang)}`,
            )
          : response.status === 409
            ? t(
                `价格已更新为 ${formatCarPrice(body.priceFen ?? 0, lang)}`,
                `The price is now ${formatCarPrice(body.priceFen ?? 0, lang)}`,
              )
            : t(
                "配置尚未完整，请完成所有必选项。",
                "The configuration is not complete yet; please finish every required choice.",
              );
    } catch {
      out.textContent = t("网络异常，请重试。", "Network problem; please try again.");
    }
  });
  for (const button of all("[data-save]")) button.addEventListener("click", () => void save());
  $<HTMLButtonElement>("[data-copy]").addEventListener("click", async () => {
    const input = $<HTMLInputElement>("[data-share-url]");
    const out = $<HTMLElement>("[data-copy-result]");
    try {
      await navigator.clipboard.writeText(input.value);
      out.textContent = t("链接已复制。", "Link copied.");
    } catch {
      input.focus();
      input.select();
      out.textContent = t("请手动复制已选中的链接。", "Copy the selected link by hand.");
    }
  });
  render();
  if (resumeSave) void save();
  // In idle time after the first render: click through the engine so V8 has optimised it before the
  // shopper's first click, then compile for counting in slices short enough to keep input responsive.
  const compileAhead = () => {
    counting = knowledge.warmUp(30);
    if (counting === "pending") setTimeout(compileAhead, 10);
    else showCount();
  };
  setTimeout(() => {
    reasoner.warmUp();
    setTimeout(compileAhead, 10);
  }, 0);
}
