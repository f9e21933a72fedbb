// Webhook config: one HTTPS endpoint, the events it receives, on/off, and the signing secret
// (masked; a new one is shown once after rotation). Admins edit and see the delivery log; other
// roles read the settings with the URL's path and query masked (getWebhookSettings), and are
// never sent the log (receivers' full URLs, their error messages).
import { Section } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";
import type { CurrentUser } from "@/lib/data/sessions";
import { getWebhookSettings } from "@/lib/data/webhooks";
import { can } from "@/lib/permissions";
import { WEBHOOK_EVENTS } from "@/lib/validation/organisation";
import { OneTimeSecretButton } from "@/components/organisation/one-time-secret-button";
import { rotateWebhookSecretAction } from "./actions";
import { WebhookForm } from "./webhook-form";
import { DeliveryLog } from "./delivery-log";

export async function WebhookSection({ user }: { user: CurrentUser }) {
  const settings = await getWebhookSettings(user.orgId, user.role);
  const editable = can(user.role, "webhook:manage");
  return (
    <Section
      title="Webhook config"
      description="Playgate POSTs stream, token and user events to your endpoint, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), and retries failures with back-off."
      actions={<Chip tone={settings.enabled ? "success" : "neutral"}>{settings.enabled ? "Enabled" : "Disabled"}</Chip>}
    >
      <div className="space-y-6">
        {editable ? (
          <WebhookForm url={settings.url} events={settings.events} enabled={settings.enabled} />
        ) : (
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-600">Endpoint</dt>
            <dd className="font-mono wrap-anywhere">{settings.url || "Not set"}</dd>
            <dt className="text-slate-600">Events</dt>
            <dd>{settings.events.length ? WEBHOOK_EVENTS.filter((e) => settings.events.includes(e.id)).map((e) => e.id).join(", ") : "None"}</dd>
            <dt className="text-slate-600">Signing secret</dt>
            <dd className="font-mono wrap-anywhere">{settings.secretMasked || "Not created yet"}</dd>
          </dl>
        )}
        {editable ? (
          <div className="space-y-2 border-t border-slate-100 pt-5">
            <h3 className="font-semibold text-slate-900">Signing secret</h3>
            <p className="text-slate-600">
              {settings.secretMasked ? <><span className="font-mono wrap-anywhere">{settings.secretMasked}</span> — </> : "Created when you first save, and shown once then. "}Verify each delivery with it. Rotating shows the new secret once; the old one stops verifying at once.
            </p>
            {/* Before the first save there is no secret in use, so nothing to rotate or warn about. */}
            {settings.secretMasked ? (
              <OneTimeSecretButton
                action={rotateWebhookSecretAction}
                field="secret"
                verb="Rotate"
                target="the webhook signing secret"
                consequence="Deliveries are signed with the new secret from now on; receivers checking the old one will reject them."
                triggerLabel="Rotate signing secret"
                resultTitle="New webhook signing secret"
                resultLabel="Signing secret"
              />
            ) : null}
          </div>
        ) : null}
        {can(user.role, "webhookDelivery:read") ? <DeliveryLog user={user} hasUrl={Boolean(settings.url)} /> : null}
      </div>
    </Section>
  );
}
