// nanoStream's organisation webhook, blocking (lib/data/blocking-webhook.ts): admins only, as the
// URL and what it decides are theirs to set.
import { Section } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";
import type { CurrentUser } from "@/lib/data/sessions";
import { getBlockingWebhook } from "@/lib/data/blocking-webhook";
import { BlockingWebhookForm } from "./blocking-webhook-form";

export async function BlockingWebhookSection({ user }: { user: CurrentUser }) {
  const settings = await getBlockingWebhook(user.orgId, user.role);
  return (
    <Section
      title="Blocking webhook"
      description={
        <>
          As in nanoStream Cloud: before each play or publish goes ahead on your media server (nginx-rtmp, SRS, OvenMediaEngine, MediaMTX), Playgate POSTs nanoStream&apos;s form
          (<span className="font-mono">call</span>, <span className="font-mono">name</span>, <span className="font-mono">app</span>, <span className="font-mono">addr</span>,{" "}
          <span className="font-mono">clientid</span>, … and the stream URL&apos;s query) to this URL, signed with the webhook signing secret above. 200 lets it go ahead, 403 refuses it.
          It is asked once per play, never per HLS segment.
        </>
      }
      actions={<Chip tone={settings.url ? "success" : "neutral"}>{settings.url ? "On" : "Off"}</Chip>}
    >
      <BlockingWebhookForm url={settings.url} failOpen={settings.failOpen} timeoutMs={settings.timeoutMs} />
    </Section>
  );
}
