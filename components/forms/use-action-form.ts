"use client";
// Runs a server action from a form without React's automatic form reset, so what the user
// typed stays in the fields when the server answers with an error.
import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionState } from "@/lib/actions";
import { useFocusFirstInvalid } from "./use-focus-first-invalid";

type ServerAction<T> = (prev: ActionState<T>, input: FormData) => Promise<ActionState<T>>;

export function useActionForm<T = unknown>(action: ServerAction<T>) {
  const [state, dispatch, pending] = useActionState(action, undefined);
  const failed = state && !state.ok ? state : null;
  const submittedFormRef = useFocusFirstInvalid(failed);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submittedFormRef.current = event.currentTarget;
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }
  return {
    state,
    pending,
    onSubmit,
    /** The form-level message of a failed submission. */
    formError: failed ? failed.message : null,
    fieldError: (name: string) => failed?.fields?.[name],
  };
}
