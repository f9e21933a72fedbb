"use client";
// A date and time typed as "2026-12-06 14:05": 24-hour and UTC, like every date the console shows
// (a datetime-local picker follows the browser's locale and showed "06:30 AM"). The server reads
// it as UTC; the reader's own local time is shown beside it, so nobody guesses which zone it meant.
import { useState, useSyncExternalStore } from "react";
import { Input, type FieldError } from "@/components/ui/field";
import { formatLocal } from "@/lib/datetime";

const subscribeNothing = () => () => {};
const FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

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
  const typed = value.trim().replace(" ", "T");
  const local = mounted && FORMAT.test(typed) ? formatLocal(`${typed}Z`) : "";
  return (
    <Input
      type="text"
      autoComplete="off"
      spellCheck={false}
      placeholder="YYYY-MM-DD HH:MM"
      className="font-mono tabular-nums"
      label={<>{label} <span className="font-normal text-slate-600">(UTC, 24-hour)</span></>}
      name={name}
      defaultValue={defaultValue}
      onChange={(e) => setValue(e.currentTarget.value)}
      error={error}
      optional={optional}
      required={required}
      hint={
        <>
          {hint ? <>{hint} </> : null}
          Format YYYY-MM-DD HH:MM.{local ? <> Your local time: <span className="font-medium text-slate-800">{local}</span>.</> : null}
        </>
      }
    />
  );
}
