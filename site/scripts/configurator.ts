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
import { CONFIGURED_PRICE_EVENT, type ConfiguredPrice } from "../components/finance/widget.ts";

const root = document.querySelector<HTMLElement>(".configurator");
const data = document.getElementById("product-model")?.textContent;

if (root && data) start(root, JSON.parse(data) as { slug: string; version: number; model: ProductModel });

function start(
  root: HTMLElement,
  { slug, version, model }: { slug: string; version: number; model: ProductModel },
): void {
  const lang = (root.dataset.lang === "en" ? "en" : "zh") as Lang;
  const t = (zh: string, en: string) => (lang === "en" ? en : zh);
  const name = (code: string) => {
    const option = model.options.find((o) => o.code === code);
    return option ? t(option.name.zh, option.name.en) : code;
  };
  const reasoner = new Reasoner(compileModel(model));
  const knowledge = new Knowledge(model);
  const known = new Set(model.options.map((o) => o.code));
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

  const selected = () => new Set([...states].filter(([, s]) => s === "chosen" || s === "forced").map(([code]) => code));

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
    const configured: ConfiguredPrice = { priceFen: breakdown.totalFen, options: [...selected()] };
    root.dataset.configuredPriceFen = String(configured.priceFen);
    root.dataset.configuredOptions = configured.options.join(",");
    document.dispatchEvent(new CustomEvent(CONFIGURED_PRICE_EVENT, { detail: configured }));
    const open = model.groups.filter((g) => g.min > 0 && !g.options.some((code) => selected().has(code)));
    status.textContent =
      open.length === 0
        ? t("配置完整，可以确认。", "Your configuration is complete.")
        : t(
            `还需选择：${open.map((g) => g.name.zh).join("、")}`,
            `Still to choose: ${open.map((g) => g.name.en).join(", ")}`,
          );
    const count = knowledge.count(history.choices, 300);
    $<HTMLElement>("[data-count]").textContent =
      count.status === "ok"
        ? t(
            `符合当前选择的配置共 ${count.count.toLocaleString("zh-CN")} 种`,
            `${count.count.toLocaleString("en-US")} configurations match your choices`,
          )
        : "";
    $<HTMLButtonElement>("[data-undo]").disabled = !history.canUndo;
    $<HTMLButtonElement>("[data-redo]").disabled = !history.canRedo;
    window.history.replaceState(null, "", `${location.pathname}${withChoices(location.search, history.choices)}`);
    $<HTMLElement>("[data-check-result]").textContent = "";
    $<HTMLElement>("[data-reserve]").hidden = true;
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
  render();
}
