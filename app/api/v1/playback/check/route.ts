// GET|HEAD|POST|OPTIONS /api/v1/playback/check — the forward-auth check edges call per viewer request
// (anonymous, like authorize). Defined in lib/edge/routes.ts; server.ts answers it in front of Next.
import { checkRoute } from "@/lib/edge/routes";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, OPTIONS } = checkRoute;
