// Labelled form controls. Hint and error are wired with aria-describedby / aria-invalid.
// Controls are uncontrolled (defaultValue), so a page re-rendered after a server error can pass
// back what was typed and nothing is lost. Server-safe: useId works in server components too.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

/** A zod `flatten().fieldErrors` entry is a string[]; a single message is fine too. */
export type FieldError = string | readonly string[] | null | undefined;

type FieldBase = { label: ReactNode; hint?: ReactNode; error?: FieldError; optional?: boolean };

/** The look of every text input, select and text area: .control in app/globals.css. */
export const controlClasses = "control";

export function Label({ htmlFor, children, optional }: { htmlFor: string; children: ReactNode; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800">
      {children}
      {optional ? <span className="ml-1 font-normal text-slate-600">(optional)</span> : null}
    </label>
  );
}

function errorText(error: FieldError): string | null {
  if (!error) return null;
  const text = typeof error === "string" ? error : error.join(" ");
  return text || null;
}

/** Ids and aria props shared by the three controls. */
function useFieldIds(id: string | undefined, hint: ReactNode, error: FieldError, describedBy?: string) {
  const auto = useId();
  const controlId = id ?? auto;
  const message = errorText(error);
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = message ? `${controlId}-error` : undefined;
  const ariaDescribedBy = [describedBy, hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { controlId, hintId, errorId, message, ariaDescribedBy };
}

function FieldFrame({
  label, optional, hint, controlId, hintId, errorId, message, children,
}: FieldBase & { controlId: string; hintId?: string; errorId?: string; message: string | null; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={controlId} optional={optional}>{label}</Label>
      {children}
      {hint ? <p id={hintId} className="text-xs text-slate-600">{hint}</p> : null}
      {message ? <p id={errorId} className="text-xs font-medium text-red-700">{message}</p> : null}
    </div>
  );
}

export type InputProps = FieldBase & InputHTMLAttributes<HTMLInputElement>;

export function Input({ label, hint, error, optional, id, className = "", "aria-describedby": d, ...props }: InputProps) {
  const ids = useFieldIds(id, hint, error, d);
  return (
    <FieldFrame label={label} optional={optional} hint={hint} {...ids}>
      <input
        id={ids.controlId}
        aria-invalid={ids.message ? true : undefined}
        aria-describedby={ids.ariaDescribedBy}
        className={className ? `${controlClasses} ${className}` : controlClasses}
        {...props}
      />
    </FieldFrame>
  );
}

export type TextareaProps = FieldBase & TextareaHTMLAttributes<HTMLTextAreaElement>;

export function Textarea({ label, hint, error, optional, id, className = "", rows = 4, "aria-describedby": d, ...props }: TextareaProps) {
  const ids = useFieldIds(id, hint, error, d);
  return (
    <FieldFrame label={label} optional={optional} hint={hint} {...ids}>
      <textarea
        id={ids.controlId}
        rows={rows}
        aria-invalid={ids.message ? true : undefined}
        aria-describedby={ids.ariaDescribedBy}
        className={className ? `${controlClasses} ${className}` : controlClasses}
        {...props}
      />
    </FieldFrame>
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean };
export type SelectProps = FieldBase & SelectHTMLAttributes<HTMLSelectElement> & { options?: readonly SelectOption[] };

export function Select({ label, hint, error, optional, id, className = "", options, children, "aria-describedby": d, ...props }: SelectProps) {
  const ids = useFieldIds(id, hint, error, d);
  return (
    <FieldFrame label={label} optional={optional} hint={hint} {...ids}>
      <select
        id={ids.controlId}
        aria-invalid={ids.message ? true : undefined}
        aria-describedby={ids.ariaDescribedBy}
        className={`${controlClasses} pr-8${className ? ` ${className}` : ""}`}
        {...props}
      >
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>
        ))}
        {children}
      </select>
    </FieldFrame>
  );
}
