"use client";
// The streams page's client islands: create, rename, tag (dialogs) and delete (confirmation).
// Each dialog opens from its own trigger (the stream's page) or, controlled, from the one
// StreamsTableActions island around the streams table (rows carry plain buttons).
import { useEffect, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/forms/use-action-form";
import { useRowDialog } from "@/components/ui/use-row-dialog";
import type { ActionState } from "@/lib/actions";
import { MAX_RENDITIONS, MAX_TAGS_PER_STREAM } from "@/lib/validation/limits";
import { createStreamAction, deleteStreamAction, renameStreamAction, setStreamTagsAction } from "./actions";

type Action<T> = (prev: ActionState<T>, input: FormData) => Promise<ActionState<T>>;
/** Given `open`, the dialog is controlled and renders no trigger of its own. */
type Controlled = { open?: boolean; onOpenChange?: (open: boolean) => void };

/** One dialog form: submits through useActionForm, closes and toasts on success. */
function ActionForm<T>({ action, close, submitLabel, onDone, children }: {
  action: Action<T>;
  close: () => void;
  submitLabel: string;
  onDone?: (state: ActionState<T>) => void;
  children: (fieldError: (name: string) => string[] | undefined) => React.ReactNode;
}) {
  const { state, pending, onSubmit, formError, fieldError } = useActionForm(action);
  const { toast } = useToast();
  const router = useRouter();
  useEffect(() => {
    if (!state?.ok) return;
    if (state.message) toast(state.message, { tone: "success" });
    router.refresh();
    onDone?.(state);
    close();
    // Only a new answer from the server should close the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const failed = state && !state.ok ? state : null;
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={failed && (failed.code !== "invalid" || !failed.fields) ? formError : null} />
      {children(fieldError)}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={close}>Cancel</Button>
        <Button type="submit" pending={pending}>{submitLabel}</Button>
      </div>
    </form>
  );
}

export function CreateStreamDialog() {
  const router = useRouter();
  return (
    <Dialog title="New stream" description="A stream group with its renditions; its id is the token's groupid." trigger="New stream" triggerVariant="primary">
      {(close) => (
        <ActionForm
          action={createStreamAction}
          close={close}
          submitLabel="Create stream"
          onDone={(state) => {
            const id = state?.ok ? (state.data as { id?: string } | undefined)?.id : undefined;
            if (id) router.push(`/streams/${id}`);
          }}
        >
          {(fieldError) => (
            <>
              <Input label="Name" name="name" required maxLength={80} error={fieldError("name")} />
              <Input label="Renditions" name="renditions" optional defaultValue="1" hint={`A number (1–${MAX_RENDITIONS}) or labels such as "1080p, 720p". Each gets its own stream name.`} error={fieldError("renditions")} />
              <Input label="Tags" name="tags" optional hint={`Comma-separated; a–z, 0–9, - and _; up to ${MAX_TAGS_PER_STREAM}.`} error={fieldError("tags")} />
            </>
          )}
        </ActionForm>
      )}
    </Dialog>
  );
}

export function RenameStreamDialog({ id, name, open, onOpenChange }: { id: string; name: string } & Controlled) {
  return (
    <Dialog title={`Rename ${name}`} trigger={open === undefined ? "Rename" : undefined} triggerSize="sm" triggerLabel={`Rename ${name}`} size="sm" open={open} onOpenChange={onOpenChange}>
      {(close) => (
        <ActionForm action={renameStreamAction} close={close} submitLabel="Save name">
          {(fieldError) => (
            <>
              <input type="hidden" name="id" value={id} />
              <Input label="Name" name="name" required maxLength={80} defaultValue={name} error={fieldError("name")} />
            </>
          )}
        </ActionForm>
      )}
    </Dialog>
  );
}

export function TagStreamDialog({ id, name, tags, open, onOpenChange }: { id: string; name: string; tags: string[] } & Controlled) {
  return (
    <Dialog title={`Tags of ${name}`} trigger={open === undefined ? "Tags" : undefined} triggerSize="sm" triggerLabel={`Edit tags of ${name}`} size="sm" open={open} onOpenChange={onOpenChange}>
      {(close) => (
        <ActionForm action={setStreamTagsAction} close={close} submitLabel="Save tags">
          {(fieldError) => (
            <>
              <input type="hidden" name="id" value={id} />
              <Input label="Tags" name="tags" defaultValue={tags.join(", ")} hint={`Comma-separated; a–z, 0–9, - and _; up to ${MAX_TAGS_PER_STREAM}. Leave empty to remove all.`} error={fieldError("tags")} />
            </>
          )}
        </ActionForm>
      )}
    </Dialog>
  );
}

export function DeleteStreamButton({ id, name, redirectTo, open, onOpenChange }: { id: string; name: string; redirectTo?: string } & Controlled) {
  const router = useRouter();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      verb="Delete stream"
      target={name}
      typeToConfirm={name}
      consequence="Its renditions and stream names are removed. Tokens already issued for it stop matching any stream. This cannot be undone."
      fields={{ id }}
      trigger={open === undefined ? "Delete" : undefined}
      triggerLabel={`Delete stream ${name}`}
      open={open}
      onOpenChange={onOpenChange}
      action={async (fd) => {
        const result = await deleteStreamAction(undefined, fd);
        if (!result?.ok) return { error: result?.message ?? "Could not delete the stream." };
        toast(`Stream "${name}" deleted.`, { tone: "success" });
        if (redirectTo) router.push(redirectTo);
        else router.refresh();
      }}
    />
  );
}

const STREAM_ACTIONS = ["rename", "tags", "delete"] as const;
type StreamAction = (typeof STREAM_ACTIONS)[number];

function readStreamButton(button: HTMLElement) {
  const action = button.dataset.streamAction as StreamAction | undefined;
  if (!action || !STREAM_ACTIONS.includes(action)) return null;
  const { streamId = "", streamName = "", streamTags = "" } = button.dataset;
  return { action, id: streamId, name: streamName, tags: streamTags ? streamTags.split(",") : [] };
}

/** The streams table's rename, tags and delete dialogs in one island (useRowDialog). */
export function StreamsTableActions({ children }: { children: ReactNode }) {
  const { chosen, onClick, onOpenChange } = useRowDialog("[data-stream-action]", readStreamButton);
  const control = chosen ? { open: chosen.open, onOpenChange } : null;
  return (
    <div onClick={onClick}>
      {children}
      {chosen?.action === "rename" ? <RenameStreamDialog key={chosen.id} id={chosen.id} name={chosen.name} {...control} /> : null}
      {chosen?.action === "tags" ? <TagStreamDialog key={chosen.id} id={chosen.id} name={chosen.name} tags={chosen.tags} {...control} /> : null}
      {chosen?.action === "delete" ? <DeleteStreamButton key={chosen.id} id={chosen.id} name={chosen.name} {...control} /> : null}
    </div>
  );
}
