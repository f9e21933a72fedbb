// POST /api/v1/playback/authorize — may this viewer play this stream with this token? (anonymous; edges
// call it). Defined in lib/edge/routes.ts; server.ts answers it in front of Next.
import { authorizeRoute } from "@/lib/edge/routes";

export const dynamic = "force-dynamic";

export const { POST } = authorizeRoute;
