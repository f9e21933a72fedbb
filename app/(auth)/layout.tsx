import { LockIcon } from "@/components/ui/icons";

/** Sign-in, sign-up and invitation pages: one centred card, no navigation. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <span className="flex size-8 items-center justify-center rounded-lg bg-accent-600 text-white">
          <LockIcon className="size-4" />
        </span>
        Playgate
      </div>
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
    </main>
  );
}
