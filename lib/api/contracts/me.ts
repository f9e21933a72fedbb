import { z } from "zod";
import { contract } from "@/lib/api/contract";
import { ROLES } from "@/lib/permissions";

export const me = contract({
  name: "GET /api/v1/me",
  summary: "Who am I: the credential that authenticated, its organisation and role",
  tag: "Organisation",
  permission: "org:read",
  response: z.object({
    credential: z.enum(["api_key", "session_token"]),
    user: z.object({ id: z.string(), email: z.string() }).nullable(),
    role: z.enum(ROLES),
    organisation: z.object({ id: z.string(), name: z.string() }),
  }),
});
