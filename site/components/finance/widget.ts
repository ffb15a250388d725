/**
 * The configurator's hook for the finance widget: whenever the configured total changes it sets
 * `data-configured-price-fen` and `data-configured-options` on its root and fires this event on `document` with the new total, so
 * the widget follows the live price (whichever script starts first) without knowing the configurator.
 */
export const CONFIGURED_PRICE_EVENT = "marque:configured-price";

/** The event's detail. */
export interface ConfiguredPrice {
  priceFen: number;
  /** The option codes chosen, so the widget can tell which trim it is quoting. */
  options: string[];
  /** The name of the trim the configuration is built on, in the page's language, for the widget to say what it quotes. */
  trimName?: string;
}

/**
 * The widget's answer for a configured price: fired on `document` once its figures show the quote,
 * so the configure page's summary can show the same monthly payment without asking again.
 */
export const CONFIGURED_QUOTE_EVENT = "marque:configured-quote";

/** That event's detail: the finance API's quote for `priceFen` on the widget's terms. */
export interface ConfiguredQuote {
  priceFen: number;
  downPaymentPercent: number;
  months: number;
  downPaymentFen: number;
  monthlyPaymentFen: number;
}

/** The terms the widget quotes: 30 % down, 36 months of equal instalments. */
export const WIDGET_TERMS = { downPaymentPercent: 30, months: 36, plan: "equal-instalment" } as const;
