import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, actorFromUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/data/sessions";
import { can, PermissionError, type Permission } from "@/lib/permissions";
import { ConflictError, NotFoundError, RateLimitError, RuleError } from "@/lib/errors";
import { recordRefusal } from "@/lib/data/audit";
import { asDatabaseUnavailable } from "@/lib/db/unavailable";

export type ActionCode = "unauthenticated" | "forbidden" | "invalid" | "not_found" | "conflict" | "rate_limited" | "refused" | "unavailable" | "error";

/** What every server action returns to `useActionState`. */
export type ActionState<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; code: ActionCode; message: string; fields?: Record<string, string[]>; values?: Record<string, string> }
  | undefined;

/** Every action, by name, with its permission or "public": the security suite enumerates this. */
export const ACTION_REGISTRY = new Map<string, Permission | "public">();

export interface ActionContext {
  user: CurrentUser;
  actor: Actor;
}

type Result<T> = { message?: string; data?: T } | void;

const SECRET_FIELD = /password|secret|token|key/i;

/** FormData → plain object; repeated keys become arrays; React's internal $ACTION fields dropped. */
export function formDataToObject(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = input.getAll(key).filter((v) => typeof v === "string");
    out[key] = key.endsWith("[]") || all.length > 1 ? all : all[0];
  }
  for (const key of Object.keys(out)) {
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = out[key];
      delete out[key];
    }
  }
  return out;
}

/** What the user typed, echoed back so no input is lost on an error (never secrets). */
function echo(raw: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && !SECRET_FIELD.test(key)) values[key] = value;
  }
  return values;
}

export function failure(code: ActionCode, message: string, extra: { fields?: Record<string, string[]>; values?: Record<string, string> } = {}): ActionState<never> {
  return { ok: false, code, message, ...extra };
}

/** Maps our error types to an answer; anything unknown is logged and answered generically. */
export function errorToState(error: unknown, values?: Record<string, string>): ActionState<never> {
  if (error instanceof z.ZodError) return failure("invalid", "Some fields need attention.", { values, fields: z.flattenError(error).fieldErrors as Record<string, string[]> });
  if (error instanceof PermissionError) return failure("forbidden", "You do not have permission to do this.", { values });
  if (error instanceof NotFoundError) return failure("not_found", `${error.message}. It may have been deleted.`, { values });
  if (error instanceof ConflictError) return failure("conflict", error.message, { values, fields: error.field ? { [error.field]: [error.message] } : undefined });
  if (error instanceof RateLimitError) return failure("rate_limited", error.message, { values });
  if (error instanceof RuleError) return failure("refused", error.message, { values, fields: error.field ? { [error.field]: [error.message] } : undefined });
  const unavailable = asDatabaseUnavailable(error);
  if (unavailable) {
    console.error("[action] database unavailable:", unavailable.reason);
    return failure("unavailable", `The service is temporarily unavailable. Nothing was changed; try again in ${unavailable.retryAfterSec} seconds.`, { values });
  }
  console.error("[action] unexpected error", error instanceof Error ? error.message : error);
  return failure("error", "Something went wrong on our side. Nothing was changed; try again.", { values });
}

// PostgreSQL refuses NUL characters in text: one would become an unexpected error there.
const NUL_MESSAGE = "Text may not contain NUL characters.";
const hasNul = (v: unknown) => (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && x.includes("\0"));

function parse<S extends z.ZodType>(schema: S, raw: Record<string, unknown>) {
  const result = schema.safeParse(raw);
  if (result.success) {
    const nul = Object.entries((result.data ?? {}) as Record<string, unknown>).filter(([, v]) => hasNul(v)).map(([k]) => k);
    if (nul.length) return { ok: false as const, state: failure("invalid", NUL_MESSAGE, { fields: Object.fromEntries(nul.map((k) => [k, [NUL_MESSAGE]])), values: echo(raw) }) };
    return { ok: true as const, data: result.data as z.infer<S> };
  }
  const fields = z.flattenError(result.error).fieldErrors as Record<string, string[]>;
  const formErrors = z.flattenError(result.error).formErrors;
  const message = formErrors[0] ?? "Some fields need attention.";
  return { ok: false as const, state: failure("invalid", message, { fields, values: echo(raw) }) };
}

/**
 * The one wrapper for server actions: session → named permission → zod parse → run.
 * Authentication and authorisation come first, so an anonymous or unprivileged caller learns
 * nothing about the input schema. The permission is required: an action cannot forget it.
 */
export function defineAction<S extends z.ZodType, T = unknown>(
  spec: { name: string; permission: Permission; schema: S },
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<Result<T>>,
) {
  ACTION_REGISTRY.set(spec.name, spec.permission);
  return async function action(_prev: ActionState<T>, input: FormData | Record<string, unknown>): Promise<ActionState<T>> {
    const raw = formDataToObject(input);
    try {
      const user = await getCurrentUser();
      if (!user) return failure("unauthenticated", "Your session has ended. Sign in again.");
      if (!can(user.role, spec.permission)) {
        await recordRefusal(actorFromUser(user), spec.name, spec.permission);
        return failure("forbidden", "You do not have permission to do this.");
      }
      const parsed = parse(spec.schema, raw);
      if (!parsed.ok) return parsed.state;
      const result = await run(parsed.data, { user, actor: actorFromUser(user) });
      return { ok: true, ...(result ?? {}) };
    } catch (error) {
      unstable_rethrow(error);
      return errorToState(error, echo(raw));
    }
  };
}

/**
 * For the few actions on the public allow-list (sign-up, invitation acceptance): no session,
 * but registered as public on purpose and still schema-checked.
 */
export function definePublicAction<S extends z.ZodType, T = unknown>(
  spec: { name: string; schema: S },
  run: (input: z.infer<S>) => Promise<Result<T>>,
) {
  ACTION_REGISTRY.set(spec.name, "public");
  return async function action(_prev: ActionState<T>, input: FormData | Record<string, unknown>): Promise<ActionState<T>> {
    const raw = formDataToObject(input);
    const parsed = parse(spec.schema, raw);
    if (!parsed.ok) return parsed.state;
    try {
      return { ok: true, ...((await run(parsed.data)) ?? {}) };
    } catch (error) {
      unstable_rethrow(error);
      return errorToState(error, echo(raw));
    }
  };
}
