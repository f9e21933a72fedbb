"use client";
// The Account menu behind the profile icon (desktop). A WAI-ARIA menu button: Enter/Space/↓ open
// it on the first item, ↑ on the last; ↑/↓/Home/End move; Esc closes and returns focus to the
// button; Tab or a click outside closes it.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ROLE_LABELS } from "@/lib/permissions";
import { LogoutIcon, UserIcon } from "@/components/ui/icons";
import { accountNav, isActive, type ShellUser } from "./nav-items";
import { signOutToLogin } from "./sign-out";

export function AccountMenu({ user }: { user: ShellUser }) {
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const pathname = usePathname();
  const items = accountNav(user.role);

  const menuItems = () => Array.from(panel.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  // Navigating closes the menu (the shell itself stays mounted across pages).
  const [seenPath, setSeenPath] = useState(pathname);
  if (pathname !== seenPath) {
    setSeenPath(pathname);
    setOpen(false);
  }

  // On open, focus the first (or, after ↑, the last) item.
  useEffect(() => {
    if (!open) return;
    const all = menuItems();
    all[(focusIndex + all.length) % all.length]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent | MouseEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("mousedown", onPointerDown);
    return () => document.removeEventListener("mousedown", onPointerDown);
  }, [open]);

  function openAt(index: number) {
    setFocusIndex(index);
    setOpen(true);
  }

  function closeAndReturn() {
    setOpen(false);
    button.current?.focus();
  }

  function onButtonKeyDown(e: KeyboardEvent) {
    if (e.key === "ArrowDown") { e.preventDefault(); openAt(0); }
    if (e.key === "ArrowUp") { e.preventDefault(); openAt(-1); }
  }

  function onMenuKeyDown(e: KeyboardEvent) {
    const all = menuItems();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: all.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      all[(moves[e.key] + all.length) % all.length]?.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      closeAndReturn();
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  }

  const itemClass = "flex w-full items-center gap-3 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus:bg-slate-100";

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-label="Account menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpen(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
        className="inline-flex size-9 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 hover:text-slate-900"
      >
        <UserIcon className="size-5" />
      </button>
      {open ? (
        <div ref={panel} onKeyDown={onMenuKeyDown} className="absolute right-0 z-40 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          <div className="border-b border-slate-200 px-3 pt-1 pb-3">
            <p className="truncate font-medium text-slate-900">{user.name}</p>
            <p className="truncate text-slate-600">{user.email}</p>
            <p className="mt-1 text-xs text-slate-600">Role: {ROLE_LABELS[user.role]}</p>
          </div>
          <ul id={menuId} role="menu" aria-label="Account" className="pt-2">
            {items.map((item) => {
              const Icon = item.icon;
              return (
                <li key={item.href} role="none">
                  <Link prefetch={false}
                    role="menuitem"
                    tabIndex={-1}
                    href={item.href}
                    aria-current={isActive(item, pathname) ? "page" : undefined}
                    onClick={() => setOpen(false)}
                    className={itemClass}
                  >
                    <Icon className="size-4 text-slate-500" />
                    {item.label}
                  </Link>
                </li>
              );
            })}
            <li role="separator" className="my-1 border-t border-slate-200" />
            <li role="none">
              <button role="menuitem" tabIndex={-1} type="button" onClick={() => signOutToLogin()} className={itemClass}>
                <LogoutIcon className="size-4 text-slate-500" />
                Sign out
              </button>
            </li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}
