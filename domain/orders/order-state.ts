/** The states of an order, from placement to a terminal state. */
export const ORDER_STATES = [
  "placed",
  "vehicle_held",
  "awaiting_payment",
  "paid",
  "insured",
  "registration_booked",
  "confirmed",
  "compensating",
  "cancelled",
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** The legal moves of an order; anything else is refused. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  placed: ["vehicle_held", "cancelled"],
  vehicle_held: ["awaiting_payment", "compensating"],
  awaiting_payment: ["paid", "compensating"],
  paid: ["insured", "registration_booked", "compensating"],
  insured: ["registration_booked", "compensating"],
  registration_booked: ["confirmed", "compensating"],
  confirmed: [],
  compensating: ["cancelled"],
  cancelled: [],
};

export const TERMINAL_STATES: readonly OrderState[] = ["confirmed", "cancelled"];

/**
 * Whether an order may move from `from` to `to`.
 * @example canTransition("awaiting_payment", "paid") // true
 * @example canTransition("confirmed", "cancelled") // false
 */
export function canTransition(from: OrderState, to: OrderState): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** What shoppers and ops read for each state, Chinese first. */
export const ORDER_STATE_LABELS: Readonly<Record<OrderState, { zh: string; en: string }>> = {
  placed: { zh: "已提交", en: "Placed" },
  vehicle_held: { zh: "已锁车", en: "Car held" },
  awaiting_payment: { zh: "待支付定金", en: "Deposit due" },
  paid: { zh: "已付定金", en: "Deposit paid" },
  insured: { zh: "已投保", en: "Insured" },
  registration_booked: { zh: "已约上牌", en: "Registration booked" },
  confirmed: { zh: "已确认", en: "Confirmed" },
  compensating: { zh: "取消中", en: "Cancelling" },
  cancelled: { zh: "已取消", en: "Cancelled" },
};
