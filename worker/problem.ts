import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One entry of `errors[]`: where in the input the problem is, and what it is. */
export const FieldErrorSchema = z.object({
  path: z.string().openapi({ example: "body.email" }),
  message: z.string().openapi({ example: "Invalid email address" }),
});

/** RFC 9457 problem details: the one error envelope of the whole API. */
export const ProblemSchema = z
  .looseObject({
    type: z.string().openapi({ example: "https://marque.dev/problems/validation" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;

const PROBLEM_BASE = "https://marque.dev/problems/";

/** Problem types the API answers with; `title` is bilingual, Chinese first. */
export const PROBLEMS = {
  validation: { status: 400, title: "请求参数无效 / Invalid request" },
  "malformed-json": { status: 400, title: "请求体不是有效的 JSON / Malformed JSON body" },
  "unsupported-media-type": { status: 415, title: "不支持的内容类型 / Unsupported content type" },
  "payload-too-large": { status: 413, title: "请求体过大 / Request body too large" },
  "not-found": { status: 404, title: "未找到 / Not found" },
  "method-not-allowed": { status: 405, title: "不支持该请求方法 / Method not allowed" },
  "price-mismatch": { status: 409, title: "价格已变化 / The price has changed" },
  "invalid-configuration": { status: 422, title: "配置不可用 / This configuration cannot be built" },
  "quote-not-possible": { status: 422, title: "无法按这些条件报价 / No quote is possible on these terms" },
  "partner-unavailable": {
    status: 503,
    title: "保险合作方暂时无法报价 / The insurance partner cannot quote right now",
  },
  "partner-invalid-response": {
    status: 502,
    title: "保险合作方的应答无效 / The insurance partner's answer is invalid",
  },
  "range-not-satisfiable": { status: 416, title: "请求的范围无效 / Range not satisfiable" },
  "rate-limited": { status: 429, title: "请求过于频繁 / Too many requests" },
  unauthorized: { status: 401, title: "请先登录 / Sign in first" },
  forbidden: { status: 403, title: "无权进行此操作 / Not allowed" },
  "step-up-required": { status: 403, title: "请先用短信验证码确认身份 / Confirm it is you with a text code first" },
  "code-incorrect": { status: 400, title: "验证码不正确 / Wrong code" },
  "code-expired": { status: 400, title: "验证码已失效 / The code is no longer valid" },
  "code-locked": { status: 429, title: "验证码错误次数过多 / Too many wrong codes" },
  "sms-unavailable": { status: 503, title: "短信暂时无法发送 / Text messages cannot be sent right now" },
  "booking-not-changeable": {
    status: 409,
    title: "该预约的状态不允许此操作 / The booking's status does not allow this",
  },
  "slot-not-started": { status: 409, title: "试驾时段尚未开始 / The test-drive slot has not started yet" },
  "vehicle-unavailable": {
    status: 409,
    title: "这台配置的现车已被订完 / Every matching car in stock has been taken",
  },
  "build-slots-full": { status: 409, title: "近期生产排期已满 / No build slots left" },
  "order-in-progress": {
    status: 409,
    title: "同一订单请求正在处理中 / The same order request is still being processed",
  },
  "idempotency-key-reused": {
    status: 422,
    title: "该 Idempotency-Key 已用于另一个请求 / This Idempotency-Key was used for a different request",
  },
  "phone-taken": { status: 409, title: "该手机号已绑定其他账户 / This number belongs to another account" },
  "order-not-cancellable": {
    status: 409,
    title: "订单已确认，无法在线取消 / A confirmed order cannot be cancelled online",
  },
  "risk-blocked": { status: 429, title: "操作已被风控拦截 / Blocked by risk control" },
  "risk-challenge": { status: 403, title: "请先用短信验证码确认身份 / Confirm it is you with a text code first" },
  "invalid-rule": { status: 422, title: "规则无效 / Invalid rule" },
  "rule-conflict": { status: 409, title: "规则状态已变化 / The rule's state does not allow this" },
  "saved-configurations-full": {
    status: 409,
    title: "已保存的配置已达上限 / You have saved as many configurations as an account can keep",
  },
  internal: { status: 500, title: "服务器内部错误 / Internal server error" },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemType = keyof typeof PROBLEMS;

/** An expected failure that the error handler turns into a problem+json response. */
export class ProblemError extends Error {
  readonly type: ProblemType;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    type: ProblemType,
    detail?: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? PROBLEMS[type].title);
    this.type = type;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/**
 * Renders a problem+json response.
 * @example problem(c, "not-found", "没有这个车型 / No such model")
 */
export function problem(
  c: Context,
  type: ProblemType,
  detail?: string,
  options: { errors?: FieldError[]; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): Response {
  const { status, title } = PROBLEMS[type];
  const requestId = c.get("requestId" as never) as string | undefined;
  const body: Problem = {
    type: PROBLEM_BASE + type,
    title,
    status,
    ...(detail ? { detail } : {}),
    instance: new URL(c.req.url).pathname,
    ...(requestId ? { requestId } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
    ...options.extensions,
  };
  return c.body(JSON.stringify(body), status, {
    "content-type": "application/problem+json; charset=utf-8",
    ...options.headers,
  });
}

/** Maps zod issues to field errors, prefixing each path with where the value came from. */
export function fieldErrors(
  where: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): FieldError[] {
  return issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}
