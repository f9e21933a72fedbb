import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { hasPackage } from "@/lib/packages";
import { getOrganisation } from "@/lib/data/organisations";
import { viewersNow } from "@/lib/data/viewers";
import { usageLastHour } from "@/lib/data/usage";
import { getConfig } from "@/lib/config";
import { UsageChart } from "@/components/streams/usage-chart";
import { Section } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { DateTime } from "@/components/ui/date-time";
import { TagChips } from "@/components/streams/stream-chips";
import { loadStream, StreamHeader } from "@/components/streams/stream-header";
import { createTokenAction } from "@/app/(dashboard)/secure/token/actions";
import { DeleteStreamButton, RenameStreamDialog, TagStreamDialog } from "../stream-dialogs";
import { PlaybackGateToggle } from "./playback-gate-toggle";

export const metadata: Metadata = { title: "Stream overview" };

export default async function StreamOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("stream:read");
  const id = (await params).id;
  const [stream, org, viewers, lastHour] = await Promise.all([loadStream(user, id), getOrganisation(user.orgId), viewersNow(user.orgId, id), usageLastHour(user.orgId, id)]);
  const countedAt = new Date();
  const gatedByPackage = hasPackage(org.packages, "secure_playback");
  const actions = (
    <>
      {can(user.role, "stream:write") ? <RenameStreamDialog id={stream.id} name={stream.name} /> : null}
      {can(user.role, "stream:write") ? <TagStreamDialog id={stream.id} name={stream.name} tags={stream.tags} /> : null}
      {can(user.role, "stream:delete") ? <DeleteStreamButton id={stream.id} name={stream.name} redirectTo="/streams" /> : null}
    </>
  );
  return (
    <div className="space-y-6">
      <StreamHeader user={user} stream={stream} createToken={createTokenAction} current="overview" description="Stream overview: its id, renditions and tags." actions={actions} />
      <Section title="Stream">
        <div className="space-y-4">
          <CopyField label="Stream ID (groupid)" value={stream.id} hint="A token issued for this stream group plays every rendition below." />
          <dl className="grid gap-4 sm:grid-cols-3">
            <div>
              <dt className="text-xs font-medium text-slate-600">Viewers now</dt>
              <dd className="mt-1" data-testid="viewers-now">
                <span className="text-lg font-semibold tabular-nums text-slate-900" data-testid="viewers-now-total">{viewers.total}</span>{" "}
                <span className="block text-xs text-slate-600">
                  {viewers.hookPlays} via media-server hooks (RTMP, SRS, OvenMediaEngine), {viewers.httpViewers} via the HTTP edge in the last 30 s; counted <DateTime value={countedAt} seconds />
                </span>
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">Tags</dt>
              <dd className="mt-1"><TagChips tags={stream.tags} /></dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">Created</dt>
              <dd className="mt-1"><DateTime value={stream.createdAt} /></dd>
            </div>
          </dl>
        </div>
      </Section>
      <Section title="Checks, last hour" description={`Every check of this stream by an edge, a media-server hook or authorize, per minute (UTC); counts arrive within ${getConfig().usage.flushSeconds} s.`}>
        <UsageChart minutes={lastHour} label="Checks of this stream per minute" />
      </Section>
      <Section title="Playback" description="Whether the edge asks viewers of this stream for a playback token.">
        {can(user.role, "stream:write") ? (
          <PlaybackGateToggle id={stream.id} name={stream.name} requiresToken={stream.requiresToken} hasPackage={gatedByPackage} />
        ) : (
          <p className="text-sm text-slate-700" data-testid="playback-gate">
            {!gatedByPackage ? "Anyone can play this stream: your organisation has no Secure Playback package." : stream.requiresToken ? "Playback requires a token." : "Anyone with the playout URL can play this stream; no token is needed."}
          </p>
        )}
      </Section>
      <Section title="Renditions" description="Each rendition has its own stream name, the name an encoder ingests and a player asks for.">
        <ul className="space-y-4">
          {stream.renditions.map((r) => (
            <li key={r.id}>
              <CopyField label={`${r.label} stream name`} value={r.streamName} hint={r.bitrateKbps ? `${r.bitrateKbps} kbit/s` : undefined} />
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
