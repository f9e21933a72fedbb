"use client";
// "Playback requires a token" for one stream. Turning it on saves at once; turning it off lets
// anyone with the playout URL play, so it asks first, naming the stream.
import { useOptimistic, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Switch } from "@/components/ui/switch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { setStreamRequiresTokenAction } from "../actions";

export function PlaybackGateToggle({ id, name, requiresToken, hasPackage }: { id: string; name: string; requiresToken: boolean; hasPackage: boolean }) {
  const [optimistic, setOptimistic] = useOptimistic(requiresToken);
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const { toast } = useToast();
  const router = useRouter();
  const save = (next: boolean) =>
    start(async () => {
      setOptimistic(next);
      const state = await setStreamRequiresTokenAction(undefined, { id, requiresToken: next });
      toast(state?.message ?? "Something went wrong.", { tone: state?.ok ? "success" : "danger" });
      router.refresh();
    });
  return (
    <>
      <Switch
        label="Playback requires a token"
        hint={
          hasPackage
            ? "On: the edge refuses viewers without a valid token for this stream. Off: anyone with the playout URL can play it (a token that is sent is still checked)."
            : "Your organisation has no Secure Playback package, so the edge lets anyone play; this switch applies once the package is enabled."
        }
        checked={optimistic}
        aria-disabled={pending || undefined}
        onClick={(e) => {
          if (pending) e.preventDefault();
        }}
        onChange={(e) => {
          if (pending) return;
          const next = e.currentTarget.checked;
          if (next) save(true);
          else setConfirming(true);
        }}
      />
      <ConfirmDialog
        verb="Let anyone play"
        target={name}
        consequence="The edge stops asking for a token: whoever has the playout URL can watch this stream. You can switch it back on at any time."
        confirmLabel="Let anyone play"
        open={confirming}
        onOpenChange={setConfirming}
        onConfirm={() => {
          setConfirming(false);
          save(false);
        }}
      />
    </>
  );
}
