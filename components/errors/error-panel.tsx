"use client";
// What an error boundary shows: a calm message, the digest to quote to an operator, and
// "Try again" (re-fetches the segment). Never the error's message or stack: in production Next
// replaces server errors with a digest anyway, and client errors may carry internals.
import { Button, LinkButton } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

export function ErrorPanel({ digest, onRetry, fullPage = false }: { digest?: string; onRetry: () => void; fullPage?: boolean }) {
  return (
    <div role="alert" className={`flex flex-col items-center justify-center gap-4 px-4 text-center ${fullPage ? "min-h-dvh" : "min-h-[60dvh] py-16"}`}>
      <span className="flex size-12 items-center justify-center rounded-full bg-amber-100 text-amber-800">
        <AlertIcon className="size-6" />
      </span>
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <p className="max-w-md text-slate-600">
        Something went wrong on our side. Nothing you entered was changed. Try again in a moment; if it keeps happening, tell your
        administrator{digest ? " and quote the reference below" : ""}.
      </p>
      {digest ? <p className="font-mono text-sm text-slate-500">Reference: {digest}</p> : null}
      <div className="flex flex-wrap justify-center gap-2">
        <Button variant="primary" onClick={onRetry}>Try again</Button>
        <LinkButton href="/streams">Back to streams</LinkButton>
      </div>
    </div>
  );
}
