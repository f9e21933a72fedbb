"use client";
// What an error boundary shows: a calm message, the digest to quote to an operator, and
// "Try again" (re-fetches the segment). Never the error's message or stack: in production Next
// replaces server errors with a digest anyway, and client errors may carry internals.
// An outage is told apart by its digest (DatabaseUnavailableError carries UNAVAILABLE_DIGEST,
// which Next keeps): then the page says the service is temporarily unavailable, with a link
// that loads the page afresh.
import { usePathname } from "next/navigation";
import { Button, LinkButton, buttonClasses } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { UNAVAILABLE_DIGEST, UNAVAILABLE_RETRY_AFTER_SEC } from "@/lib/errors";

export function ErrorPanel({ digest, onRetry, fullPage = false }: { digest?: string; onRetry: () => void; fullPage?: boolean }) {
  const pathname = usePathname();
  const frame = `flex flex-col items-center justify-center gap-4 px-4 text-center ${fullPage ? "min-h-dvh" : "min-h-[60dvh] py-16"}`;
  const icon = (
    <span className="flex size-12 items-center justify-center rounded-full bg-amber-100 text-amber-800">
      <AlertIcon className="size-6" />
    </span>
  );
  if (digest === UNAVAILABLE_DIGEST) {
    return (
      <div role="alert" className={frame}>
        {icon}
        <h1 className="text-xl font-semibold">Playgate is temporarily unavailable</h1>
        <p className="max-w-md text-slate-600">
          The service cannot reach its database right now. Nothing you entered was changed. Try again in {UNAVAILABLE_RETRY_AFTER_SEC} seconds.
        </p>
        <a href={pathname || "/streams"} className={buttonClasses({ variant: "primary" })}>Try again</a>
      </div>
    );
  }
  return (
    <div role="alert" className={frame}>
      {icon}
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
