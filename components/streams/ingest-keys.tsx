// The Instructions page's ingest part: the installation's ingest URL (PLAYGATE_INGEST_URL), and per
// rendition its stream name, its publish URL with the key's placeholder and a show-once Create /
// Rotate. A rendition without a key refuses every publish, and says so here.
import type { ComponentProps } from "react";
import { Callout } from "@/components/ui/callout";
import { CopyField } from "@/components/ui/copy-field";
import { DateTime } from "@/components/ui/date-time";
import { OneTimeSecretButton } from "@/components/organisation/one-time-secret-button";

export const INGEST_KEY_PLACEHOLDER = "<ingest key>";

type Rendition = { id: string; streamName: string; label: string; ingestKeyHint: string | null; ingestKeyCreatedAt: Date | null };

/** rtmp://ingest.example.com/live/<stream name>?key=<ingest key> */
export function publishUrl(ingestUrl: string, streamName: string): string {
  return `${ingestUrl}/${streamName}?key=${INGEST_KEY_PLACEHOLDER}`;
}

export function IngestKeys(props: {
  streamId: string;
  streamName: string;
  renditions: Rendition[];
  ingestUrl: string | null;
  canRotate: boolean;
  rotate: ComponentProps<typeof OneTimeSecretButton>["action"];
}) {
  const { ingestUrl } = props;
  return (
    <div className="space-y-5">
      {ingestUrl ? (
        <CopyField label="Ingest URL (RTMP)" value={ingestUrl} wrap />
      ) : (
        <Callout tone="warning" title="No ingest address configured">
          This installation has no <code>PLAYGATE_INGEST_URL</code> yet: set it to your media server&apos;s RTMP application (for example <code>rtmp://ingest.example.com/live</code>) and
          restart Playgate. Until then, publish to your own media server&apos;s address with the stream names and keys below.
        </Callout>
      )}
      <ul className="space-y-5">
        {props.renditions.map((r) => (
          <li key={r.id} className="space-y-3 rounded-lg border border-slate-200 p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">{r.label}</h3>
              {props.canRotate ? (
                <OneTimeSecretButton
                  action={props.rotate}
                  input={{ id: props.streamId, streamName: r.streamName }}
                  field="ingestKey"
                  confirm={Boolean(r.ingestKeyHint)}
                  verb="Rotate ingest key"
                  target={`the ${r.label} ingest key of "${props.streamName}" (ends in ${r.ingestKeyHint ?? ""})`}
                  consequence="An encoder publishing with the old key is refused from its next check on, and cannot publish again until it has the new key."
                  triggerLabel={r.ingestKeyHint ? `Rotate ${r.label} ingest key` : `Create ${r.label} ingest key`}
                  pendingLabel={r.ingestKeyHint ? "Rotating…" : "Creating…"}
                  resultTitle={`${r.label} ingest key`}
                  resultLabel="Ingest key"
                />
              ) : null}
            </div>
            <CopyField label={`${r.label} stream name (stream key)`} value={r.streamName} />
            {ingestUrl ? <CopyField label={`${r.label} publish URL`} value={publishUrl(ingestUrl, r.streamName)} wrap hint={`Replace ${INGEST_KEY_PLACEHOLDER} with this rendition's ingest key.`} /> : null}
            {r.ingestKeyHint && r.ingestKeyCreatedAt ? (
              <p className="text-sm text-slate-600">
                Ingest key ending in <code className="font-mono">{r.ingestKeyHint}</code>, created <DateTime value={r.ingestKeyCreatedAt} />. It was shown once; rotate it if it is lost.
              </p>
            ) : (
              <Callout tone="warning" title="No ingest key">
                Publishing to {r.streamName} is refused until it has an ingest key.{" "}
                {props.canRotate ? "Create one with the button above; it is shown once." : "Ask a user or admin of your organisation to create one."}
              </Callout>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
