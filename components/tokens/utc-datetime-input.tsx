"use client";
// A datetime-local input read as UTC (the server appends "Z"), with the reader's own local time
// shown beside it, so nobody has to guess which zone "14:05" meant.
import { useState, useSyncExternalStore } from "react";
import { Input, type FieldError } from "@/components/ui/field";
import { formatLocal } from "@/lib/datetime";

const subscribeNothing = () => () => {};

export function UtcDateTimeInput({ label, name, defaultValue, error, optional, hint, required }: {
  label: string;
  name: string;
  defaultValue?: string;
  error?: FieldError;
  optional?: boolean;
  hint?: string;
  required?: boolean;
}) {
  const [value, setValue] = useState(defaultValue ?? "");
  // Only the browser knows the reader's zone: render the local time after hydration.
  const mounted = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const local = mounted && value ? formatLocal(`${value}Z`) : "";
  return (
    <Input
      type="datetime-local"
      label={<>{label} <span className="font-normal text-slate-600">(UTC)</span></>}
      name={name}
      defaultValue={defaultValue}
      onChange={(e) => setValue(e.currentTarget.value)}
      error={error}
      optional={optional}
      required={required}
      hint={
        <>
          {hint ? <>{hint} </> : null}
          Entered in UTC.{local ? <> Your local time: <span className="font-medium text-slate-800">{local}</span>.</> : null}
        </>
      }
    />
  );
}
