// The misuse signals a token raised (lib/data/misuse.ts), with their evidence and a revoke button
// beside them: what a streaming operator needs to stop a leaked link in one click.
import type { ReactNode } from "react";
import { Callout } from "@/components/ui/callout";
import { DateTime } from "@/components/ui/date-time";
import type { TokenFlagView } from "@/lib/data/misuse";

export function TokenFlags({ flags, addresses, revoke }: { flags: TokenFlagView[]; addresses: string[]; revoke: ReactNode }) {
  if (flags.length === 0) return null;
  return (
    <div data-token-flags>
      <Callout tone="warning" title="This token looks misused">
        <ul className="mt-1 space-y-1">
          {flags.map((f) => (
            <li key={f.signal} data-signal={f.signal}>
              <span className="font-semibold">{f.title}:</span> {f.explanation} <span className="text-xs">(first raised <DateTime value={f.raisedAt} />)</span>
            </li>
          ))}
        </ul>
        {addresses.length ? (
          <p className="mt-2">
            Addresses in the last hour: <span className="font-mono wrap-anywhere">{addresses.join(", ")}</span>
          </p>
        ) : null}
        {revoke ? <div className="mt-3">{revoke}</div> : null}
      </Callout>
    </div>
  );
}
