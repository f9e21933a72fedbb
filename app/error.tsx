"use client";
// Root error boundary: errors outside the dashboard shell (including the shell's own session
// check when the database is unreachable) land here.
import { ErrorPanel } from "@/components/errors/error-panel";

export default function RootError({ error, retry, reset }: { error: Error & { digest?: string }; retry?: () => void; reset: () => void }) {
  return (
    <main>
      <ErrorPanel digest={error.digest} onRetry={retry ?? reset} fullPage />
    </main>
  );
}
