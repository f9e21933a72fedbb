"use client";
// The admin's VOD switch: saves as soon as it is flipped (the server decides; on error it flips back).
// While saving it is aria-disabled, not disabled: a disabled control drops keyboard focus to <body>.
import { useOptimistic, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import { setVodPublicAction } from "./actions";

export function VodToggle({ vodPublic }: { vodPublic: boolean }) {
  const [optimistic, setOptimistic] = useOptimistic(vodPublic);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  return (
    <Switch
      label="Public VOD list"
      hint="Lets players and sites list your VOD items without credentials."
      checked={optimistic}
      aria-disabled={pending || undefined}
      onClick={(e) => { if (pending) e.preventDefault(); }}
      onChange={(e) => {
        if (pending) return;
        const next = e.currentTarget.checked;
        start(async () => {
          setOptimistic(next);
          const state = await setVodPublicAction(undefined, { vodPublic: next });
          toast(state?.message ?? "Something went wrong.", { tone: state?.ok ? "success" : "danger" });
          router.refresh();
        });
      }}
    />
  );
}
