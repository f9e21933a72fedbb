import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { hasPackage } from "@/lib/packages";
import { getOrganisation } from "@/lib/data/organisations";
import { Section } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { loadStream, StreamHeader } from "@/components/streams/stream-header";
import { createTokenAction } from "@/app/(dashboard)/secure/token/actions";
import { embedSnippet, TOKEN_PLACEHOLDER } from "@/components/streams/player-config";
import { IngestKeys } from "@/components/streams/ingest-keys";
import { getConfig } from "@/lib/config";
import { rotateIngestKeyAction } from "@/app/(dashboard)/streams/actions";
import { StreamTokens } from "@/components/streams/stream-tokens";

export const metadata: Metadata = { title: "Stream instructions" };

export default async function StreamInstructionsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("stream:read");
  const [stream, org] = await Promise.all([loadStream(user, (await params).id), getOrganisation(user.orgId)]);
  const showTokens = hasPackage(org.packages, "secure_playback") && can(user.role, "token:read");
  return (
    <div className="space-y-6">
      <StreamHeader user={user} stream={stream} createToken={createTokenAction} current="instructions" description="How to send this stream from an encoder and embed it in a web page." />
      <Section title="Ingest" description="Point your encoder (OBS, ffmpeg, a hardware encoder) at the publish URL of each rendition: its stream name and its own ingest key.">
        <IngestKeys
          streamId={stream.id}
          streamName={stream.name}
          renditions={stream.renditions}
          ingestUrl={getConfig().edge.ingestUrl}
          canRotate={can(user.role, "stream:write")}
          rotate={rotateIngestKeyAction}
        />
      </Section>
      <Section title="Player embed" description="Paste into your page. With Secure Playback the player needs a token for this stream group.">
        <div className="space-y-4">
          <CopyField label="Embed snippet" value={embedSnippet(org.playerKey, stream.id)} multiline />
          <Callout tone="info">
            Replace <code>{TOKEN_PLACEHOLDER}</code> with a playback token for this stream:{" "}
            {can(user.role, "token:create")
              ? "create one with the button at the top of this page, or on the Secure token page."
              : showTokens
                ? "open one of its tokens below, or ask a user or admin of your organisation to create one."
                : "ask a user or admin of your organisation for one."}
          </Callout>
        </div>
      </Section>
      {showTokens ? (
        <StreamTokens orgId={user.orgId} streamId={stream.id} canCreate={can(user.role, "token:create")} />
      ) : null}
    </div>
  );
}
