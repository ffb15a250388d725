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
}

/** The terms the widget quotes: 30 % down, 36 months of equal instalments. */
export const WIDGET_TERMS = { downPaymentPercent: 30, months: 36, plan: "equal-instalment" } as const;
