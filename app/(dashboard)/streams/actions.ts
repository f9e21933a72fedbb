"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { createStream, deleteStream, renameStream, setStreamTags } from "@/lib/data/streams";
import { createStreamSchema, deleteStreamSchema, renameStreamSchema, setStreamTagsSchema } from "@/lib/validation/streams";

export const createStreamAction = defineAction({ name: "streams.create", permission: "stream:write", schema: createStreamSchema }, async (input, { actor }) => {
  const stream = await createStream(actor, input);
  revalidatePath("/streams");
  return { message: `Stream "${stream.name}" created.`, data: { id: stream.id } };
});

export const renameStreamAction = defineAction({ name: "streams.rename", permission: "stream:write", schema: renameStreamSchema }, async (input, { actor }) => {
  const stream = await renameStream(actor, input.id, input.name);
  revalidatePath("/streams");
  return { message: `Renamed to "${stream.name}".` };
});

export const setStreamTagsAction = defineAction({ name: "streams.tag", permission: "stream:write", schema: setStreamTagsSchema }, async (input, { actor }) => {
  const stream = await setStreamTags(actor, input.id, input.tags);
  revalidatePath("/streams");
  return { message: stream.tags.length ? `Tags of "${stream.name}" saved.` : `Tags of "${stream.name}" removed.` };
});

export const deleteStreamAction = defineAction({ name: "streams.delete", permission: "stream:delete", schema: deleteStreamSchema }, async (input, { actor }) => {
  await deleteStream(actor, input.id);
  revalidatePath("/streams");
  return { message: "Stream deleted." };
});
