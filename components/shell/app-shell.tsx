// The signed-in frame of every dashboard page: top bar (product, organisation, Account menu),
// a left-hand menu from 768px up, one Menu button below it, and a width-limited content area.
// Server component; the interactive parts are small client islands.
import Link from "next/link";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/ui/toast";
import { AccountMenu } from "./account-menu";
import { FocusRescue } from "./focus-rescue";
import { MobileMenu } from "./mobile-menu";
import { NavLinks } from "./nav-links";
import type { ShellUser } from "./nav-items";

export type AppShellProps = { user: ShellUser; orgName: string; children: ReactNode };

export function AppShell({ user, orgName, children }: AppShellProps) {
  return (
    <ToastProvider>
      <FocusRescue />
      <div className="min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-30 h-14 border-b border-slate-200 bg-white">
          <div className="flex h-full items-center gap-3 px-4 md:px-6">
            <MobileMenu user={user} />
            <Link prefetch={false} href="/streams" className="text-base font-semibold tracking-tight text-slate-900">
              Playgate
            </Link>
            <span aria-hidden="true" className="text-slate-300">/</span>
            <span className="min-w-0 truncate text-slate-700" title={orgName}>
              <span className="sr-only">Organisation: </span>
              {orgName}
            </span>
            <div className="ml-auto hidden md:block">
              <AccountMenu user={user} />
            </div>
          </div>
        </header>
        <div className="flex">
          {/* The column stretches to the page's full height with its background and border; the
              menu inside it stays in view while the page scrolls. */}
          <div data-testid="menu-column" className="hidden w-56 shrink-0 border-r border-slate-200 bg-white md:block">
            <aside className="sticky top-14 h-[calc(100dvh-3.5rem)] overflow-y-auto px-3 py-4">
              <nav aria-label="Main">
                <NavLinks />
              </nav>
            </aside>
          </div>
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 sm:px-6 md:px-8 md:py-8">
            <div className="mx-auto w-full max-w-6xl">{children}</div>
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
