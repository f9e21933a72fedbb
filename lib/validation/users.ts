// User management, invitation and own-account inputs, shared by the actions and the API.
import { z } from "zod";
import { DEFAULT_INVITATION_EXPIRY_DAYS, INVITATION_EXPIRY_DAYS } from "@/lib/validation/limits";
import { ROLES } from "@/lib/permissions";
import { emailSchema, passwordSchema, personNameSchema } from "@/lib/validation/auth";

/** Exactly the three roles: anything tampered into a form is refused here. */
export const roleSchema = z.enum(ROLES, { error: "Choose admin, user or read-only." });

const idSchema = z.string().trim().min(1, "Missing id.").max(64);

export { DEFAULT_INVITATION_EXPIRY_DAYS, INVITATION_EXPIRY_DAYS };

export const createInvitationSchema = z
  .object({
    role: roleSchema,
    expiresInDays: z.coerce
      .number()
      .int()
      .refine((n) => (INVITATION_EXPIRY_DAYS as readonly number[]).includes(n), "Choose 1, 7, 14 or 30 days.")
      .default(DEFAULT_INVITATION_EXPIRY_DAYS),
  })
  .strict();

export const invitationIdSchema = z.object({ invitationId: idSchema }).strict();

export const acceptInvitationSchema = z
  .object({
    token: z.string().trim().min(1, "This invitation link is incomplete.").max(200),
    email: emailSchema,
    name: personNameSchema,
    password: passwordSchema,
  })
  .strict();

export const resetPasswordSchema = z
  .object({
    token: z.string().trim().min(1, "This reset link is incomplete.").max(200),
    password: passwordSchema,
  })
  .strict();

export const userIdSchema = z.object({ userId: idSchema }).strict();

export const changeRoleSchema = z.object({ userId: idSchema, role: roleSchema }).strict();

export const updateProfileSchema = z.object({ name: personNameSchema }).strict();

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: passwordSchema,
    // The form's check of what was typed; callers without a second field may leave it out.
    confirmPassword: z.string().max(200).optional(),
  })
  .strict()
  // Once the current password is verified, typing it again would only end the other sessions.
  .refine((v) => v.newPassword !== v.currentPassword || !passwordSchema.safeParse(v.newPassword).success, {
    message: "Choose a password different from your current one.",
    path: ["newPassword"],
  })
  .refine((v) => v.confirmPassword === undefined || v.confirmPassword === v.newPassword, {
    message: "The two new passwords differ.",
    path: ["confirmPassword"],
  });

export const emptySchema = z.object({}).strict();

/** The users list filter and cursors, from the URL. Unknown roles fall back to "all". */
export const userListQuerySchema = z.object({
  role: roleSchema.optional().catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});

export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;
