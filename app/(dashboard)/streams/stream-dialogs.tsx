"use client";
// The streams page's client islands: create, rename, tag (dialogs) and delete (confirmation).
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions";
import { MAX_RENDITIONS, MAX_TAGS_PER_STREAM } from "@/lib/validation/limits";
import { createStreamAction, deleteStreamAction, renameStreamAction, setStreamTagsAction } from "./actions";

type Action<T> = (prev: ActionState<T>, input: FormData) => Promise<ActionState<T>>;

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

export function RenameStreamDialog({ id, name }: { id: string; name: string }) {
  return (
    <Dialog title={`Rename ${name}`} trigger="Rename" triggerSize="sm" triggerLabel={`Rename ${name}`} size="sm">
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

export function TagStreamDialog({ id, name, tags }: { id: string; name: string; tags: string[] }) {
  return (
    <Dialog title={`Tags of ${name}`} trigger="Tags" triggerSize="sm" triggerLabel={`Edit tags of ${name}`} size="sm">
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

export function DeleteStreamButton({ id, name, redirectTo }: { id: string; name: string; redirectTo?: string }) {
  const router = useRouter();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      verb="Delete stream"
      target={name}
      consequence="Its renditions and stream names are removed. Tokens already issued for it stop matching any stream. This cannot be undone."
      fields={{ id }}
      trigger="Delete"
      triggerLabel={`Delete stream ${name}`}
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
