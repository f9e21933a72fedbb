// A form-level error (the kind that belongs to no single field), announced as an alert.
import type { ReactNode } from "react";
import { AlertIcon } from "./icons";

export function FormError({ error, title }: { error?: ReactNode; title?: string }) {
  if (!error) return null;
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <AlertIcon className="mt-0.5 size-4" />
      <div>
        {title ? <p className="font-semibold">{title}</p> : null}
        <div>{error}</div>
      </div>
    </div>
  );
}
