/**
 * Keeps the finance widget's down payment and monthly payment on the configured price: listens for
 * the configurator's price event (and reads the price it may have set before this script ran), asks
 * the finance API for the terms the widget quotes (the decision's instalment offer, else the
 * widget's own) and updates the figures, the trim it names and the calculator link, with the trim
 * the configuration is built on when the widget knows the trims' option codes. Each answer is
 * announced with CONFIGURED_QUOTE_EVENT.
 */
import { formatYuan, type Lang } from "../../domain/money.ts";
import {
  CONFIGURED_PRICE_EVENT,
  CONFIGURED_QUOTE_EVENT,
  type ConfiguredPrice,
  type ConfiguredQuote,
  WIDGET_TERMS,
} from "../components/finance/widget.ts";

type Quote = { downPaymentFen: number; monthlyPaymentFen: number; months: number };
/** Numbers each price followed; an answer for an older price is dropped (not aborted: an aborted fetch reads as a failed request). */
let latest = 0;

function trimOf(widget: HTMLElement, options: readonly string[]): string | undefined {
  const byOption = JSON.parse(widget.dataset.trimOptions ?? "{}") as Record<string, string>;
  const code = options.find((option) => byOption[option] !== undefined);
  return code ? byOption[code] : widget.dataset.trim;
}

/** The terms the widget was rendered with (the decision's offer), else the widget's own. */
function termsOf(widget: HTMLElement): { downPaymentPercent: number; months: number } {
  const down = Number(widget.dataset.downPercent);
  const months = Number(widget.dataset.months);
  return Number.isInteger(down) && Number.isInteger(months) && months > 0
    ? { downPaymentPercent: down, months }
    : WIDGET_TERMS;
}

async function update(widget: HTMLElement, configured: ConfiguredPrice, turn: number): Promise<void> {
  const { priceFen, options, trimName } = configured;
  const trim = trimOf(widget, options);
  const terms = termsOf(widget);
  const query = new URLSearchParams({
    priceFen: String(priceFen),
    downPaymentPercent: String(terms.downPaymentPercent),
    months: String(terms.months),
    plan: WIDGET_TERMS.plan,
  });
  if (trim) query.set("trimId", trim);
  if (widget.dataset.province) query.set("province", widget.dataset.province);
  const response = await fetch(`/api/finance/quote?${query}`);
  if (!response.ok) return;
  const quote = (await response.json()) as Quote;
  if (turn !== latest) return;
  const lang: Lang = widget.dataset.lang === "en" ? "en" : "zh";
  const down = widget.querySelector("[data-widget-down]");
  const monthly = widget.querySelector("[data-widget-monthly]");
  const quoted = widget.querySelector("[data-widget-quoted]");
  if (down) down.textContent = formatYuan(quote.downPaymentFen, lang);
  if (monthly) monthly.textContent = formatYuan(quote.monthlyPaymentFen, lang);
  if (quoted && trimName) quoted.textContent = `${trimName} · `;
  const link = widget.querySelector<HTMLAnchorElement>("[data-widget-link]");
  if (link) {
    const target = new URL(link.href);
    target.searchParams.set("price", String(Math.round(priceFen / 100)));
    if (trim) target.searchParams.set("trim", trim);
    link.href = target.pathname + target.search;
  }
  widget.dataset.priceFen = String(priceFen);
  widget.dataset.monthlyFen = String(quote.monthlyPaymentFen);
  const detail: ConfiguredQuote = {
    priceFen,
    downPaymentPercent: terms.downPaymentPercent,
    months: quote.months,
    downPaymentFen: quote.downPaymentFen,
    monthlyPaymentFen: quote.monthlyPaymentFen,
  };
  document.dispatchEvent(new CustomEvent(CONFIGURED_QUOTE_EVENT, { detail }));
}

function follow(configured: ConfiguredPrice): void {
  if (!Number.isSafeInteger(configured.priceFen) || configured.priceFen <= 0) return;
  latest += 1;
  for (const widget of document.querySelectorAll<HTMLElement>("[data-finance-widget]")) {
    update(widget, configured, latest).catch(() => {
      widget.dataset.priceFen = "";
    });
  }
}

document.addEventListener(CONFIGURED_PRICE_EVENT, (event) => follow((event as CustomEvent<ConfiguredPrice>).detail));
const early = document.querySelector<HTMLElement>("[data-configured-price-fen]")?.dataset;
if (early?.configuredPriceFen) {
  follow({
    priceFen: Number(early.configuredPriceFen),
    options: (early.configuredOptions ?? "").split(","),
    trimName: early.configuredTrimName,
  });
}
