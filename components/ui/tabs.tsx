// Link-based tabs: each tab is its own URL (server-rendered, shareable), the current one marked
// with aria-current="page". The page says which tab it is, so this stays a server component; a bar
// under the tab shows while its page loads.
import Link from "next/link";
import { LinkPendingBar } from "./link-pending";

export type TabItem = { href: string; label: string };

export function Tabs({ items, current, label }: { items: readonly TabItem[]; current: string; label: string }) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      {/* The list scrolls sideways, which clips anything drawn outside it: each tab draws its
          focus ring inside itself (negative outline offset) so the ring stays whole. */}
      <ul className="-mb-px flex gap-6 overflow-x-auto">
        {items.map((item) => {
          const active = item.href === current;
          return (
            <li key={item.href}>
              <Link prefetch={false}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`relative inline-block border-b-2 px-1 py-3 text-sm font-medium whitespace-nowrap focus-visible:-outline-offset-2 ${
                  active ? "border-accent-600 text-accent-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {item.label}
                <LinkPendingBar />
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
