"use client";
// The main navigation links, marking the current section with aria-current="page", and below
// them the API reference.
// Client only because the current path comes from usePathname().
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPendingIcon } from "@/components/ui/link-pending";
import { HELP_NAV, MAIN_NAV, isActive, type NavItem } from "./nav-items";

function NavList({ items, pathname, onNavigate, className }: { items: readonly NavItem[]; pathname: string | null; onNavigate?: () => void; className?: string }) {
  return (
    <ul className={`space-y-1 ${className ?? ""}`}>
      {items.map((item) => {
        const active = isActive(item, pathname);
        const Icon = item.icon;
        return (
          <li key={item.href}>
            <Link prefetch={false}
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium ${
                active ? "bg-accent-50 text-accent-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              <LinkPendingIcon>
                <Icon className={`size-5 ${active ? "text-accent-600" : "text-slate-500"}`} />
              </LinkPendingIcon>
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <>
      <NavList items={MAIN_NAV} pathname={pathname} onNavigate={onNavigate} />
      <NavList items={HELP_NAV} pathname={pathname} onNavigate={onNavigate} className="mt-4 border-t border-slate-200 pt-4" />
    </>
  );
}
