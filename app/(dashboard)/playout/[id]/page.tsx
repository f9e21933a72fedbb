import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/data/organisations";
import { Section } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { loadStream, StreamHeader } from "@/components/streams/stream-header";
import { createTokenAction } from "@/app/(dashboard)/secure/token/actions";
import { playerConfig, TOKEN_PLACEHOLDER } from "@/components/streams/player-config";

export const metadata: Metadata = { title: "Playout" };

export default async function PlayoutPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("stream:read");
  const [stream, org] = await Promise.all([loadStream(user, (await params).id), getOrganisation(user.orgId)]);
  const config = JSON.stringify(playerConfig(org.playerKey, stream.renditions), null, 2);
  return (
    <div className="space-y-6">
      <StreamHeader user={user} stream={stream} createToken={createTokenAction} current="playout" description="The player configuration for this stream, one entry per rendition." />
      <Section title="Player configuration" description={stream.renditions.length === 1 ? "1 rendition." : `${stream.renditions.length} renditions; the player switches between them by bandwidth.`}>
        <div className="space-y-4">
          <Callout tone="info">
            Each entry&apos;s <code>security</code> object carries the playback token: replace <code>{TOKEN_PLACEHOLDER}</code> with a token that may play this stream.
          </Callout>
          <CopyField label="Configuration (JSON)" value={config} multiline />
        </div>
      </Section>
    </div>
  );
}
