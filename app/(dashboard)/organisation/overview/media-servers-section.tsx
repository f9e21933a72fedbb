// Media servers: the URLs an operator pastes into nginx, nginx-rtmp, SRS, MediaMTX or
// OvenMediaEngine (one set per organisation: a token of another organisation is refused there),
// and OvenMediaEngine's signing secret, which only admins create or rotate and see once.
import { Section } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { DateTime } from "@/components/ui/date-time";
import { OneTimeSecretButton } from "@/components/organisation/one-time-secret-button";
import { getConfig } from "@/lib/config";
import { getOmeSecretInfo } from "@/lib/data/media-servers";
import type { CurrentUser } from "@/lib/data/sessions";
import { can } from "@/lib/permissions";
import { rotateOmeSecretAction } from "./actions";

export function hookUrls(appUrl: string, orgId: string) {
  const org = `${appUrl}/api/v1/organisations/${orgId}`;
  return [
    { label: "Forward-auth check (nginx auth_request, Caddy, Traefik, Envoy)", value: `${appUrl}/api/v1/playback/check`, hint: "Anonymous; the token in the viewer's request decides. deploy/edge/nginx-hls.conf, Caddyfile, traefik.yml, envoy.yaml." },
    { label: "nginx-rtmp on_play / on_publish / on_done", value: `${org}/hooks/nginx-rtmp`, hint: "deploy/edge/nginx-rtmp.conf (notify_method post)." },
    { label: "SRS http_hooks", value: `${org}/hooks/srs`, hint: "deploy/edge/srs.conf: on_play, on_stop, on_publish, on_unpublish." },
    { label: "MediaMTX authHTTPAddress", value: `${org}/hooks/mediamtx`, hint: "deploy/edge/mediamtx.yml (authMethod: http)." },
    { label: "OvenMediaEngine ControlServerUrl", value: `${org}/hooks/ome`, hint: "deploy/edge/ome-Server.xml (AdmissionWebhooks, signed with the secret below)." },
    { label: "Revocation feed (offline verifiers)", value: `${org}/revocations`, hint: "Poll with ?since=<seq> beside the JWKS to honour revocations without a round trip per viewer." },
  ];
}

export async function MediaServersSection({ user }: { user: CurrentUser }) {
  const manage = can(user.role, "mediaServer:manage");
  const ome = manage ? await getOmeSecretInfo(user.orgId) : null;
  return (
    <Section title="Media servers" description="Where your media servers ask Playgate whether a viewer may play or an encoder may publish. These URLs belong to this organisation: tokens of another organisation are refused at them.">
      <div className="space-y-4">
        {hookUrls(getConfig().appUrl, user.orgId).map((u) => (
          <CopyField key={u.label} label={u.label} value={u.value} hint={u.hint} wrap />
        ))}
        {manage && ome ? (
          <div className="space-y-3 border-t border-slate-100 pt-5">
            <h3 className="font-semibold text-slate-900">OvenMediaEngine secret</h3>
            <p className="text-slate-600">OvenMediaEngine signs every admission request with it (X-OME-Signature); set it as &lt;SecretKey&gt;. Shown once at creation or rotation.</p>
            {ome.createdAt ? (
              <p className="text-slate-700">
                Created <DateTime value={ome.createdAt} />
              </p>
            ) : (
              <Callout tone="info">No OvenMediaEngine secret yet: its admission requests are refused (401 no_secret) until you create one.</Callout>
            )}
            <OneTimeSecretButton
              action={rotateOmeSecretAction}
              field="secret"
              confirm={Boolean(ome.createdAt)}
              verb={ome.createdAt ? "Rotate" : "Create"}
              target={ome.createdAt ? "the OvenMediaEngine secret" : "an OvenMediaEngine secret"}
              consequence="The current secret stops verifying at once: every OvenMediaEngine server's admissions are refused until its <SecretKey> is the new one."
              triggerLabel={ome.createdAt ? "Rotate OvenMediaEngine secret" : "Create OvenMediaEngine secret"}
              pendingLabel={ome.createdAt ? "Rotating…" : "Creating…"}
              resultTitle="New OvenMediaEngine secret"
              resultLabel="OvenMediaEngine secret"
            />
          </div>
        ) : null}
      </div>
    </Section>
  );
}
