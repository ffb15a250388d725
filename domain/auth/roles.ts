/** Who may do what: every account is a shopper; staff accounts carry more roles. */

export const ROLES = ["shopper", "marketer", "dealer", "ops", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Whether `value` names a role.
 * @example isRole("ops") // true
 */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Whether an account with `roles` holds at least one of `required` (none required: any account).
 * @example hasAnyRole(["shopper"], ["ops", "admin"]) // false
 */
export function hasAnyRole(roles: readonly Role[], required: readonly Role[]): boolean {
  return required.length === 0 || required.some((role) => roles.includes(role));
}

/**
 * The roles with `role` added, in the canonical order, each once.
 * @example withRole(["shopper"], "admin") // ["shopper", "admin"]
 */
export function withRole(roles: readonly Role[], role: Role): Role[] {
  return ROLES.filter((known) => known === role || roles.includes(known));
}
