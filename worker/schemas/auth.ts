import { z } from "@hono/zod-openapi";
import { ROLES } from "../../domain/auth/roles.ts";
import { toE164 } from "../../domain/test-drive/phone.ts";

const phone = z
  .string()
  .max(32)
  .refine((value) => toE164(value) !== undefined, "请输入中国大陆手机号 / Enter a mainland China mobile number")
  .openapi({ example: "138 0013 8000" });
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "验证码为 6 位数字 / The code has 6 digits")
  .openapi({ example: "048213" });

export const SendCodeSchema = z.object({ phone }).openapi("SendCode");

export const CodeSentSchema = z
  .object({
    sentTo: z.string().openapi({ description: "Masked", example: "138****8000" }),
    expiresInSeconds: z.number().int().openapi({ example: 300 }),
    resendAfterSeconds: z.number().int().openapi({ example: 60 }),
  })
  .openapi("CodeSent");

export const VerifySchema = z.object({ phone, code }).openapi("VerifyCode");

export const StepUpSchema = z.object({ code }).openapi("StepUp");

export const MeSchema = z
  .object({
    id: z.string().openapi({ example: "usr_3f1c…" }),
    phone: z.string().openapi({ description: "Masked", example: "138****8000" }),
    roles: z.array(z.enum(ROLES)),
    steppedUpAt: z.string().nullable().openapi({ description: "When the session was last confirmed with a code" }),
    address: z
      .string()
      .nullable()
      .openapi({ description: "The delivery and registration address (only ever shown to its owner)" }),
  })
  .openapi("Me");

export const ChangePhoneSchema = z.object({ phone, code }).openapi("ChangePhone");

export const AddressSchema = z
  .object({
    address: z
      .string()
      .trim()
      .min(5, "地址太短 / The address is too short")
      .max(200, "地址最多 200 字 / At most 200 characters"),
  })
  .openapi("Address");

export const SignedInSchema = z
  .object({ user: MeSchema, created: z.boolean().openapi({ description: "The account was created by this sign-in" }) })
  .openapi("SignedIn");
