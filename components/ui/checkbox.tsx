// A native checkbox with its label and optional hint. Uncontrolled by default (defaultChecked),
// so it posts with its form like any input.
import { useId, type InputHTMLAttributes, type ReactNode } from "react";

export type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; hint?: ReactNode };

export function Checkbox({ label, hint, id, className = "", ...props }: CheckboxProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className={`flex items-start gap-3 ${className}`}>
      <input
        id={inputId}
        type="checkbox"
        aria-describedby={hintId}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-400 accent-accent-600"
        {...props}
      />
      <div>
        <label htmlFor={inputId} className="text-sm font-medium text-slate-800">{label}</label>
        {hint ? <p id={hintId} className="text-xs text-slate-600">{hint}</p> : null}
      </div>
    </div>
  );
}
