"use client";
// A read-only monospace value with a Copy button. "Copied" is announced through an aria-live
// region. Without the clipboard API (plain http, old browsers) the value is selected instead and
// the reader is told to press Ctrl+C / ⌘C. `masked` hides the value until "Show" is pressed;
// Copy always copies the real value. The reveal button says what it will do (Show / Hide) rather
// than carrying aria-pressed, which would be announced as "Hide, pressed".
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

export type CopyFieldProps = {
  label: string;
  value: string;
  hint?: string;
  masked?: boolean;
  /** Show the value in a multi-line box (code snippets such as `security: { jwtoken: … }`). */
  multiline?: boolean;
  /** Wrap a long one-line value (keys, secrets, links shown once) instead of cutting it off, so it can be read whole on a phone. */
  wrap?: boolean;
  /** Visually hide the label (it stays the accessible name). */
  hideLabel?: boolean;
};

type Status = "idle" | "copied" | "manual";

export function maskValue(value: string): string {
  if (value.length <= 8) return "•".repeat(value.length);
  return `${value.slice(0, 4)}${"•".repeat(8)}${value.slice(-4)}`;
}

export function CopyField({ label, value, hint, masked = false, multiline = false, wrap = false, hideLabel = false }: CopyFieldProps) {
  const id = useId();
  const [revealed, setRevealed] = useState(!masked);
  const [status, setStatus] = useState<Status>("idle");
  const box = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const shown = revealed ? value : maskValue(value);

  function settle(next: Status) {
    setStatus(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus("idle"), 4000);
  }

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard API");
      await navigator.clipboard.writeText(value);
      settle("copied");
    } catch {
      // Fallback: show and select the value so the reader can copy it by hand.
      setRevealed(true);
      requestAnimationFrame(() => box.current?.select());
      settle("manual");
    }
  }

  const boxClasses =
    "block w-full min-w-0 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900 sm:text-sm";
  const hintId = hint ? `${id}-hint` : undefined;

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>{label}</label>
      <div className={`flex gap-2 ${multiline || wrap ? "flex-col sm:flex-row sm:items-start" : "items-center"}`}>
        {multiline || wrap ? (
          // Sized to its content where the browser can (field-sizing); the rows are the fallback.
          <textarea ref={box} id={id} readOnly value={shown} rows={wrap ? 2 : Math.min(8, shown.split("\n").length + 1)} aria-describedby={hintId} className={`${boxClasses} field-sizing-content resize-none break-all`} spellCheck={false} />
        ) : (
          <input ref={box} id={id} readOnly value={shown} aria-describedby={hintId} className={`${boxClasses} truncate`} spellCheck={false} />
        )}
        <div className="flex shrink-0 gap-2">
          {masked ? (
            <Button variant="secondary" size="md" onClick={() => setRevealed((r) => !r)}>
              {revealed ? "Hide" : "Show"}
            </Button>
          ) : null}
          <Button variant="secondary" size="md" onClick={copy} aria-label={`Copy ${label}`}>
            {status === "copied" ? <CheckIcon className="size-4 text-emerald-700" /> : <CopyIcon />}
            {status === "copied" ? "Copied" : "Copy"}
          </Button>
        </div>
      </div>
      {hint ? <p id={hintId} className="text-xs text-slate-600">{hint}</p> : null}
      <p aria-live="polite" role="status" className={status === "manual" ? "text-xs text-slate-700" : "sr-only"}>
        {status === "copied" ? "Copied" : status === "manual" ? "Copying is not available here: the value is selected, press Ctrl+C (⌘C on a Mac)." : ""}
      </p>
    </div>
  );
}
