// Boxed notes like the seed documentation's info boxes: info / warning / danger / success.
import type { ReactNode } from "react";
import { AlertIcon, CheckIcon, InfoIcon } from "./icons";

export type CalloutTone = "info" | "warning" | "danger" | "success";

const tones: Record<CalloutTone, { box: string; icon: typeof InfoIcon }> = {
  info: { box: "border-sky-200 bg-sky-50 text-sky-900", icon: InfoIcon },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-900", icon: AlertIcon },
  danger: { box: "border-red-200 bg-red-50 text-red-900", icon: AlertIcon },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", icon: CheckIcon },
};

export function Callout({ tone = "info", title, children, className = "" }: { tone?: CalloutTone; title?: ReactNode; children?: ReactNode; className?: string }) {
  const { box, icon: Icon } = tones[tone];
  return (
    <div className={`flex gap-3 rounded-lg border p-4 text-sm ${box} ${className}`}>
      <Icon className="mt-0.5 size-4" />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="[&_a]:font-medium [&_a]:underline">{children}</div> : null}
      </div>
    </div>
  );
}
