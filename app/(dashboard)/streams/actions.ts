"use server";
// No revalidatePath: the client islands call router.refresh() after a success, and these
// actions stay callable outside a Next request (tests call them directly).
import { defineAction } from "@/lib/actions";
import { createStream, deleteStream, renameStream, rotateIngestKey, setStreamRequiresToken, setStreamTags } from "@/lib/data/streams";
import { createStreamSchema, deleteStreamSchema, renameStreamSchema, rotateIngestKeySchema, setStreamRequiresTokenSchema, setStreamTagsSchema } from "@/lib/validation/streams";

export const createStreamAction = defineAction({ name: "streams.create", permission: "stream:write", schema: createStreamSchema }, async (input, { actor }) => {
  const stream = await createStream(actor, input);
  return { message: `Stream "${stream.name}" created.`, data: { id: stream.id } };
});

export const renameStreamAction = defineAction({ name: "streams.rename", permission: "stream:write", schema: renameStreamSchema }, async (input, { actor }) => {
  const stream = await renameStream(actor, input.id, input.name);
  return { message: `Renamed to "${stream.name}".` };
});

export const setStreamTagsAction = defineAction({ name: "streams.tag", permission: "stream:write", schema: setStreamTagsSchema }, async (input, { actor }) => {
  const stream = await setStreamTags(actor, input.id, input.tags);
  return { message: stream.tags.length ? `Tags of "${stream.name}" saved.` : `Tags of "${stream.name}" removed.` };
});

export const setStreamRequiresTokenAction = defineAction(
  { name: "streams.requireToken", permission: "stream:write", schema: setStreamRequiresTokenSchema },
  async (input, { actor }) => {
    const stream = await setStreamRequiresToken(actor, input.id, input.requiresToken);
    return { message: stream.requiresToken ? `Playing "${stream.name}" now needs a token.` : `Anyone can now play "${stream.name}" without a token.` };
  },
);

export const deleteStreamAction = defineAction({ name: "streams.delete", permission: "stream:delete", schema: deleteStreamSchema }, async (input, { actor }) => {
  await deleteStream(actor, input.id);
  return { message: "Stream deleted." };
});

export const rotateIngestKeyAction = defineAction({ name: "streams.rotateIngestKey", permission: "stream:write", schema: rotateIngestKeySchema }, async (input, { actor }) => {
  const key = await rotateIngestKey(actor, input.id, input.streamName);
  return { message: `Ingest key for ${key.streamName} ready (ends in ${key.hint}).`, data: { ingestKey: key.ingestKey } };
});
