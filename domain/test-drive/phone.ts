/** Mainland China mobile numbers, the ones a test-drive SMS can reach. */

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * A mainland mobile number in E.164 (`+86…`), from the ways people type it: spaces, dashes,
 * brackets, a `+86`, `0086` or `86` prefix. Undefined if it is not a mainland mobile number.
 * @example toE164("+86 138-0013-8000") // "+8613800138000"
 * @example toE164("010-12345678") // undefined (a landline)
 */
export function toE164(phone: string): string | undefined {
  const digits = phone.replace(/[\s\-().]/g, "");
  if (/[^\d+]/.test(digits)) return undefined;
  const national = digits.replace(/^(?:\+86|0086|86(?=\d{11}$))/, "");
  return MOBILE.test(national) ? `+86${national}` : undefined;
}

/**
 * A mobile number as shown back to a shopper, the usual Chinese way: first three and last four digits.
 * @example maskPhone("+8613800138000") // "138****8000"
 */
export function maskPhone(e164: string): string {
  const national = e164.replace(/^\+86/, "");
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}
