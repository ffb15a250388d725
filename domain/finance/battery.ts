/** The battery-rental offer (BaaS) the demo scales from: a 75 kWh pack, ¥70,000 off the price, ¥728 a month. */
const REFERENCE = { kwh: 75, priceFen: 7_000_000, monthlyFeeFen: 72_800 };

/**
 * Illustrative battery-rental terms for a pack of `kwh`, scaled from the reference offer: the price
 * rounded to whole ¥1,000 and the monthly rent to whole yuan, in fen. Without a pack size, the reference.
 * @example batteryRentalTerms(100) // { batteryPriceFen: 9_300_000, monthlyFeeFen: 97_100 }
 */
export function batteryRentalTerms(kwh: number | null | undefined): { batteryPriceFen: number; monthlyFeeFen: number } {
  const size = kwh && kwh > 0 ? kwh : REFERENCE.kwh;
  return {
    batteryPriceFen: Math.round((size * REFERENCE.priceFen) / REFERENCE.kwh / 100_000) * 100_000,
    monthlyFeeFen: Math.round((size * REFERENCE.monthlyFeeFen) / REFERENCE.kwh / 100) * 100,
  };
}
