"use client";
// After a submission comes back with field errors, focus moves to the first field that needs
// attention: keyboard and screen-reader users land on it and hear its label and its message
// (aria-describedby), instead of staying on the submit button with nothing announced.
// The form hooks set `.current` to the submitted form in their onSubmit.
import { useEffect, useRef } from "react";

export function useFocusFirstInvalid(failed: { fields?: Record<string, unknown> } | null | undefined) {
  const formRef = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (!failed?.fields) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failed]);
  return formRef;
}
