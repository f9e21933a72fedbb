// Sign-in, sign-up and password inputs, shared by forms, actions, next-auth and the CLI.
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/limits";

export { MIN_PASSWORD_LENGTH };

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like ana@example.com."));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

export const personNameSchema = z.string().trim().max(100, "Use at most 100 characters.");

export const loginSchema = z.object({
  email: emailSchema,
  // Any length is checked against the hash; length rules apply when a password is set.
  password: z.string().min(1, "Enter your password.").max(200),
});

export const signupSchema = z
  .object({
    organisation: z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters."),
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
  })
  .strict();

export type SignupInput = z.infer<typeof signupSchema>;
