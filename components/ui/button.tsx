// Buttons and button-styled links. Server-safe (no hooks): `pending` is passed in by the caller;
// inside a <form>, SubmitButton (submit-button.tsx) reads the pending state itself.
import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps, Ref } from "react";
import { Spinner } from "./spinner";

/** "danger-outline": a destructive action's trigger (quiet); "danger": only its confirmation. */
export type ButtonVariant = "primary" | "secondary" | "danger" | "danger-outline" | "ghost";
export type ButtonSize = "sm" | "md" | "lg" | "icon";

// The utilities behind each class are in app/globals.css (@layer components): these classes repeat
// on every table row, so they are kept short.
export function buttonClasses({
  variant = "primary",
  size = "md",
  className = "",
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return `btn btn-${variant} btn-${size} ${className}`.trim();
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /**
   * Shows a spinner, sets aria-busy and aria-disabled, and ignores clicks (so it cannot be sent
   * twice). Not the `disabled` attribute: that drops keyboard focus to <body> mid-action, and
   * screen-reader users lose their place (a dialog opened from it could not return focus either).
   */
  pending?: boolean;
  /** Replaces the label while pending, e.g. "Deleting…". */
  pendingLabel?: string;
  ref?: Ref<HTMLButtonElement>;
};

export function Button({
  variant,
  size,
  pending = false,
  pendingLabel,
  className,
  type = "button",
  disabled,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClasses({ variant, size, className })}
      // Only attributes that say something: buttons repeat on every table row (docs/performance.md#p5).
      disabled={disabled || undefined}
      aria-busy={pending || undefined}
      {...props}
      // Pending is client state only, so server-rendered buttons never carry this handler.
      {...(pending ? { "aria-disabled": true, onClick: ignoreWhilePending } : {})}
    >
      {pending ? (
        <>
          <Spinner />
          {pendingLabel ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** A click (also Enter in a form, which clicks the submit button) on a pending button does nothing. */
function ignoreWhilePending(event: { preventDefault(): void }) {
  event.preventDefault();
}

export type LinkButtonProps = ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize };

export function LinkButton({ variant = "secondary", size, className, ...props }: LinkButtonProps) {
  return <Link prefetch={false} className={buttonClasses({ variant, size, className })} {...props} />;
}
