import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getOrganisation } from "@/lib/data/organisations";
import { Section } from "@/components/ui/card";
import { Callout } from "@/components/ui/callout";
import { loadStream, StreamHeader } from "@/components/streams/stream-header";
import { createTokenAction } from "@/app/(dashboard)/secure/token/actions";
import { groupPlayerConfig, hlsUrlFor, playerConfig } from "@/components/streams/player-config";
import { PlayoutConfig } from "@/components/streams/playout-config";
import { PlayoutPreview } from "@/components/streams/playout-preview";
import { TokenInsertProvider } from "@/components/tokens/token-insert";

export const metadata: Metadata = { title: "Playout" };

export default async function PlayoutPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("stream:read");
  const [stream, org] = await Promise.all([loadStream(user, (await params).id), getOrganisation(user.orgId)]);
  const edge = getConfig().edge;
  const config = JSON.stringify(playerConfig(org.playerKey, stream.renditions, edge), null, 2);
  const groupConfig = JSON.stringify(groupPlayerConfig(org.playerKey, stream.id), null, 2);
  const hlsUrl = edge.hlsUrl;
  return (
    <TokenInsertProvider>
      <div className="space-y-6">
        <StreamHeader user={user} stream={stream} createToken={createTokenAction} current="playout" description="Watch the stream through the edge, and the player configuration in both forms nanoPlayer reads: one entry per rendition, or the group." />
        <Section title="Preview" description="Plays through your edge exactly as a viewer's player does: with a token, or without one to see what a viewer without a token gets.">
          {hlsUrl ? (
            <PlayoutPreview sources={stream.renditions.map((r) => ({ label: r.label, streamName: r.streamName, url: hlsUrlFor(hlsUrl, r.streamName) }))} />
          ) : (
            <Callout tone="warning" title="No edge address configured">
              Set <code>PLAYGATE_EDGE_HLS_URL</code> to your edge&apos;s playlist address with a <code>{"{stream}"}</code> placeholder (for example{" "}
              <code>https://edge.example.com/hls/{"{stream}"}/index.m3u8</code>, served by a configuration from <code>deploy/edge/</code>) and restart Playgate to preview here.
            </Callout>
          )}
        </Section>
        <Section title="Player configuration" description={stream.renditions.length === 1 ? "1 rendition." : `${stream.renditions.length} renditions; the player switches between them by bandwidth.`}>
          <div className="space-y-4">
            {edge.hlsUrl && edge.rtmpUrl ? null : (
              <Callout tone="info">
                {edge.hlsUrl ? "" : "PLAYGATE_EDGE_HLS_URL is not set, "}
                {edge.rtmpUrl ? "" : "PLAYGATE_EDGE_RTMP_URL is not set, "}
                so those addresses are placeholders below: set them to your edge&apos;s addresses (README, configuration).
              </Callout>
            )}
            <PlayoutConfig config={config} />
            <p className="text-sm text-slate-600">
              nanoPlayer also reads the stream group by its id, with one security object for all its renditions (<code>source.group</code>):
            </p>
            <PlayoutConfig config={groupConfig} form="group" />
          </div>
        </Section>
      </div>
    </TokenInsertProvider>
  );
}
