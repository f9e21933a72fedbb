"use client";
// Below 768px the sidebar and the Account menu are reached through one Menu button: a panel
// under the top bar with the main navigation and an "Account" section. Esc closes it and
// returns focus to the button; following a link closes it, and so does tabbing out of it (the
// panel covers the page, so focus must not move on to controls hidden behind it).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { ROLE_LABELS } from "@/lib/permissions";
import { CloseIcon, LogoutIcon, MenuIcon } from "@/components/ui/icons";
import { NavLinks } from "./nav-links";
import { accountNav, isActive, type ShellUser } from "./nav-items";
import { signOutToLogin } from "./sign-out";

export function MobileMenu({ user }: { user: ShellUser }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const pathname = usePathname();

  const [seenPath, setSeenPath] = useState(pathname);
  if (pathname !== seenPath) {
    setSeenPath(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>("a[href], button")?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  const close = () => setOpen(false);
  // focusout bubbles in React: close when focus goes to an element outside the button and the
  // panel. Not when it goes nowhere (a tap on the panel's plain text blurs to <body>).
  const onBlur = (e: React.FocusEvent<HTMLDivElement>) => {
    const next = e.relatedTarget as Node | null;
    if (open && next && !e.currentTarget.contains(next)) close();
  };
  const itemClass = "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";

  return (
    <div className="md:hidden" onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="-ml-2 inline-flex size-9 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100"
      >
        {open ? <CloseIcon className="size-5" /> : <MenuIcon className="size-5" />}
        <span className="sr-only">Menu</span>
      </button>
      {/* Rendered only while open: closed, it would add its links to every page's markup and hydration. */}
      {open ? (
        <div
          ref={panel}
          id={panelId}
          className="fixed inset-x-0 top-14 bottom-0 z-40 overflow-y-auto border-t border-slate-200 bg-white px-4 py-4"
        >
          <nav aria-label="Menu">
            <NavLinks onNavigate={close} />
          </nav>
          {/* Named by aria-label, not a heading: the panel sits in the top bar, before the page's h1. */}
          <section aria-label="Account" className="mt-6 border-t border-slate-200 pt-4">
            <p aria-hidden="true" className="px-3 text-xs font-semibold tracking-wide text-slate-600 uppercase">Account</p>
            <div className="px-3 pt-2 pb-3">
              <p className="truncate font-medium text-slate-900">{user.name}</p>
              <p className="truncate text-slate-600">{user.email} · {ROLE_LABELS[user.role]}</p>
            </div>
            <ul className="space-y-1">
              {accountNav(user.role).map((item) => {
                const Icon = item.icon;
                return (
                  <li key={item.href}>
                    <Link prefetch={false} href={item.href} onClick={close} aria-current={isActive(item, pathname) ? "page" : undefined} className={itemClass}>
                      <Icon className="size-5 text-slate-500" />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
              <li>
                <button type="button" onClick={() => signOutToLogin()} className={`${itemClass} w-full`}>
                  <LogoutIcon className="size-5 text-slate-500" />
                  Sign out
                </button>
              </li>
            </ul>
          </section>
        </div>
      ) : null}
    </div>
  );
}
