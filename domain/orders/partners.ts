/**
 * The remote parties an order's saga works with besides payment: the insurer that issues the
 * policy and the vehicle registration office (车管所) that gives the 上牌 appointment. Every call
 * carries an idempotency key, so a retry after a crash or a timeout never issues a second policy.
 */

/** `rejected` is final (retrying will not help); `unavailable` and `timeout` are worth retrying. */
export type PartnerError = { kind: "rejected" | "unavailable" | "timeout"; message: string };

export type PartnerResult<T> = ({ ok: true } & T) | { ok: false; error: PartnerError };

export interface PolicyRequest {
  orderId: string;
  trimId: string;
  /** The held vehicle; null for a build-to-order car (the policy is bound to the VIN later). */
  vin: string | null;
  cityCode: string;
  insuredValueFen: number;
}

export interface PolicyPartner {
  readonly name: string;
  issue(key: string, request: PolicyRequest, signal?: AbortSignal): Promise<PartnerResult<{ policyId: string }>>;
  cancel(key: string, policyId: string, signal?: AbortSignal): Promise<PartnerResult<object>>;
}

export interface RegistrationRequest {
  orderId: string;
  cityCode: string;
  dealerId: string;
  /** YYYY-MM-DD: the earliest day the car can be registered (when it is at the dealer). */
  earliest: string;
}

export interface RegistrationPartner {
  readonly name: string;
  book(
    key: string,
    request: RegistrationRequest,
    signal?: AbortSignal,
  ): Promise<PartnerResult<{ appointmentId: string; date: string }>>;
  cancel(key: string, appointmentId: string, signal?: AbortSignal): Promise<PartnerResult<object>>;
}

/** Whether a failure may go away on its own. */
export const isTransient = (error: PartnerError): boolean => error.kind !== "rejected";

/**
 * Runs a partner call with a time bound: past `timeoutMs` the call is aborted and reported as a
 * timeout (retried later with the same key, so a late success is found, not repeated).
 * @example await withTimeout((signal) => partner.issue(key, request, signal), 5_000)
 */
export async function withTimeout<T>(
  call: (signal: AbortSignal) => Promise<PartnerResult<T>>,
  timeoutMs: number,
): Promise<PartnerResult<T>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<PartnerResult<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({
        ok: false,
        error: { kind: "timeout", message: "合作方未及时响应 / The partner did not answer in time" },
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
