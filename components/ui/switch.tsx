// An on/off switch: a native checkbox with role="switch", styled as a track and thumb.
// It posts "on" with its form when checked, like a checkbox; no client JS needed.
import { useId, type InputHTMLAttributes, type ReactNode } from "react";

export type SwitchProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "role"> & { label: ReactNode; hint?: ReactNode };

export function Switch({ label, hint, id, className = "", ...props }: SwitchProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className={`flex items-start justify-between gap-4 ${className}`}>
      <div>
        <label htmlFor={inputId} className="text-sm font-medium text-slate-800">{label}</label>
        {hint ? <p id={hintId} className="text-xs text-slate-600">{hint}</p> : null}
      </div>
      <span className="relative inline-flex shrink-0">
        <input
          id={inputId}
          type="checkbox"
          role="switch"
          aria-describedby={hintId}
          className="peer h-6 w-11 cursor-pointer appearance-none rounded-full bg-slate-400 transition-colors checked:bg-accent-600 disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-wait aria-disabled:opacity-60"
          {...props}
        />
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-1 left-1 size-4 rounded-full bg-white shadow transition-transform peer-checked:translate-x-5"
        />
      </span>
    </div>
  );
}
