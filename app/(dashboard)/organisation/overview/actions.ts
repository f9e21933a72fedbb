"use server";
// Server actions of the organisation overview. Each names its permission (lib/permissions.ts);
// new secrets are returned once in the action's answer and never stored in a usable form.
// The client refreshes the page after success (router.refresh), so actions stay plain functions.
import { defineAction } from "@/lib/actions";
import { rotateMasterKey } from "@/lib/data/api-keys";
import { rotateOmeSecret } from "@/lib/data/media-servers";
import { rotatePlayerKey, setVodPublic } from "@/lib/data/organisation-settings";
import { redeliver, rotateWebhookSecret, saveWebhookSettings, sendTestEvent } from "@/lib/data/webhooks";
import { saveBlockingWebhook } from "@/lib/data/blocking-webhook";
import { blockingWebhookSchema, deliveryIdSchema, emptySchema, misuseLinesSchema, vodSettingsSchema, webhookSettingsSchema } from "@/lib/validation/organisation";
import { saveMisuseLines } from "@/lib/data/misuse";

export const rotateMasterKeyAction = defineAction({ name: "organisation.rotateMasterKey", permission: "apiKey:manage", schema: emptySchema }, async (_input, { actor }) => {
  const { key, replaced } = await rotateMasterKey(actor);
  return { message: replaced ? "Master API key rotated. The old key no longer works." : "Master API key created.", data: { key } };
});

export const rotatePlayerKeyAction = defineAction({ name: "organisation.rotatePlayerKey", permission: "playerKey:rotate", schema: emptySchema }, async (_input, { actor }) => {
  const { playerKey } = await rotatePlayerKey(actor);
  return { message: "Player key rotated. Update your player snippets.", data: { playerKey } };
});

export const saveWebhookAction = defineAction({ name: "webhook.save", permission: "webhook:manage", schema: webhookSettingsSchema }, async (input, { actor }) => {
  const { secret } = await saveWebhookSettings(actor, input);
  return { message: "Webhook settings saved.", ...(secret ? { data: { secret } } : {}) };
});

export const saveBlockingWebhookAction = defineAction({ name: "webhook.saveBlocking", permission: "webhook:manage", schema: blockingWebhookSchema }, async (input, { actor }) => {
  const { secret } = await saveBlockingWebhook(actor, input);
  return { message: input.url ? "Blocking webhook saved. The next play or publish consults it." : "Blocking webhook turned off.", ...(secret ? { data: { secret } } : {}) };
});

export const rotateWebhookSecretAction = defineAction({ name: "webhook.rotateSecret", permission: "webhook:manage", schema: emptySchema }, async (_input, { actor }) => {
  const { secret } = await rotateWebhookSecret(actor);
  return { message: "Signing secret rotated.", data: { secret } };
});

export const sendTestEventAction = defineAction({ name: "webhook.sendTest", permission: "webhook:manage", schema: emptySchema }, async (_input, { actor }) => {
  await sendTestEvent(actor);
  return { message: "Test event queued. It appears in the delivery log within seconds." };
});

export const redeliverAction = defineAction({ name: "webhook.redeliver", permission: "webhook:manage", schema: deliveryIdSchema }, async ({ deliveryId }, { actor }) => {
  await redeliver(actor, deliveryId);
  return { message: "Delivery queued again." };
});

export const saveMisuseLinesAction = defineAction({ name: "misuse.saveLines", permission: "misuse:manage", schema: misuseLinesSchema }, async (input, { actor }) => {
  await saveMisuseLines(actor, input);
  return { message: `Saved. A token is flagged above ${input.maxAddresses} addresses an hour or ${input.maxViewers} viewers at once.` };
});

export const setVodPublicAction = defineAction({ name: "vod.setPublic", permission: "vod:manage", schema: vodSettingsSchema }, async ({ vodPublic }, { actor }) => {
  await setVodPublic(actor, vodPublic);
  return { message: vodPublic ? "VOD list is now public." : "VOD list now needs an API key or token." };
});

export const rotateOmeSecretAction = defineAction({ name: "mediaServer.rotateOmeSecret", permission: "mediaServer:manage", schema: emptySchema }, async (_input, { actor }) => {
  const { secret, replaced } = await rotateOmeSecret(actor);
  return { message: replaced ? "OvenMediaEngine secret rotated. Update <SecretKey> on every OvenMediaEngine server." : "OvenMediaEngine secret created.", data: { secret } };
});
