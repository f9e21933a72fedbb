"use client";
// The inline token dialog of Stream Overview, Stream Instructions and Playout: the same form and
// server action as /secure/token, its target defaulting to this stream's group. After creation
// it shows the new token's security snippet in place. Pages render it only for token:create.
// Swapping the form for the result (and back) removes the focused control, so focus follows the
// swap: to the result panel ("Token created" is read out), and back to the form's first field.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { Callout } from "@/components/ui/callout";
import { Button } from "@/components/ui/button";
import { LockIcon } from "@/components/ui/icons";
import { TokenForm, type CreatedToken, type CreateTokenAction, type TokenStreamOption } from "./token-form";
import { CreatedTokenSnippet } from "./created-token";
import { useTokenInsert } from "./token-insert";

export type TokenDialogProps = {
  groupId: string;
  streamLabel: string;
  streams: readonly TokenStreamOption[];
  typed?: boolean;
  defaultExpiresAt: string;
  packageEnabled: boolean;
  createToken: CreateTokenAction;
};

export function TokenDialog({ groupId, streamLabel, streams, typed, defaultExpiresAt, packageEnabled, createToken }: TokenDialogProps) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const router = useRouter();
  const insert = useTokenInsert();
  const body = useRef<HTMLDivElement>(null);
  const swapped = useRef(false);
  useEffect(() => {
    // Not on opening: Dialog focuses the first field itself.
    if (!swapped.current) return;
    swapped.current = false;
    const panel = body.current;
    if (created) panel?.focus();
    else panel?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [created]);
  const swap = (token: CreatedToken | null) => {
    swapped.current = true;
    setCreated(token);
  };
  // The page behind may list this stream's tokens (Stream Instructions): show the new one there too.
  const onCreated = (token: CreatedToken) => {
    swap(token);
    router.refresh();
  };
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setCreated(null);
  };
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <LockIcon className="size-4" /> Create playback token
      </Button>
      <Dialog title="Create a playback token" description={`For ${streamLabel} unless you choose another target.`} open={open} onOpenChange={onOpenChange} size="lg">
        {created ? (
          <div ref={body} key="created" tabIndex={-1} role="group" aria-label="Token created" className="space-y-4">
            <CreatedTokenSnippet token={created} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={() => swap(null)}>Create another</Button>
              {insert ? (
                <Button
                  variant="primary"
                  onClick={() => {
                    insert.insert(created.token);
                    onOpenChange(false);
                  }}
                >
                  Use on this page
                </Button>
              ) : null}
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </div>
          </div>
        ) : (
          <div ref={body} key="form" className="space-y-4">
            <Callout tone="warning" title="Tokens in public pages can be reused">
              Anyone who can read a page can copy the token in it. An organisation-wide or long-lived token pasted into a public page lets anyone play
              your streams until it expires or is revoked: prefer the narrowest target and a short expiry.
            </Callout>
            {packageEnabled ? null : (
              <Callout tone="info" title="Secure Playback is not enabled">
                Your organisation cannot create playback tokens yet. Ask your operator (<code>npm run org -- package enable &lt;organisation&gt; secure_playback</code>).
              </Callout>
            )}
            <TokenForm
              action={createToken} streams={streams} typed={typed} defaultExpiresAt={defaultExpiresAt} defaultTarget="group" defaultGroupId={groupId} disabled={!packageEnabled} onCreated={onCreated} />
          </div>
        )}
      </Dialog>
    </>
  );
}
