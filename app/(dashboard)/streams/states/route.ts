// GET /streams/states?ids=a,b — live or idle of the streams a dashboard page shows, polled by their
// state chips (components/streams/live-state-chip.tsx) so publish and unpublish show without a
// reload. Session cookie and stream:read, like the pages; other organisations' ids are absent.
import { NextResponse } from "next/server";
import { sessionRoute } from "@/lib/auth/session-route";
import { STATE_POLL_MAX, streamStates } from "@/lib/data/streams";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("stream:read", async (req, user) => {
  const ids = (req.nextUrl.searchParams.get("ids") ?? "").split(",").filter((id) => /^[\w-]{1,64}$/.test(id)).slice(0, STATE_POLL_MAX);
  return NextResponse.json({ states: ids.length ? await streamStates(user.orgId, ids) : {} }, { headers: { "Cache-Control": "no-store" } });
});
