import { Spinner } from "@/components/ui/spinner";

/** Shown inside the shell while a dashboard page loads its data: the page's outline, no jumps. */
export default function DashboardLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <div className="space-y-2">
        <div className="h-7 w-56 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
        <div className="h-4 w-80 max-w-full animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
      </div>
      <div className="flex h-48 items-center justify-center rounded-lg border border-slate-200 bg-white text-slate-600 shadow-sm">
        <Spinner label="Loading…" className="size-5" />
      </div>
    </div>
  );
}
