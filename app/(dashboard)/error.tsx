"use client";
// Dashboard error boundary: a failing page keeps the shell (menu, account) around the message.
import { ErrorPanel } from "@/components/errors/error-panel";

export default function DashboardError({ error, retry, reset }: { error: Error & { digest?: string }; retry?: () => void; reset: () => void }) {
  return <ErrorPanel digest={error.digest} onRetry={retry ?? reset} />;
}
