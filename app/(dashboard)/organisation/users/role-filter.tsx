// Filter by permission level: plain links (the filter lives in the URL, so it can be shared and
// works without JavaScript). Changing the filter starts again at the first page.
import Link from "next/link";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions";

export function RoleFilter({ current, counts }: { current?: Role; counts: Record<Role, number> }) {
  const total = ROLES.reduce((sum, role) => sum + counts[role], 0);
  const items = [
    { href: "/organisation/users", label: "All", count: total, active: !current },
    ...ROLES.map((role) => ({ href: `/organisation/users?role=${role}`, label: ROLE_LABELS[role], count: counts[role], active: current === role })),
  ];
  return (
    <nav aria-label="Filter by permission level">
      <ul className="grid grid-cols-2 gap-1 rounded-lg bg-slate-100 p-1 sm:inline-flex">
        {items.map((item) => (
          <li key={item.href}>
            <Link prefetch={false}
              href={item.href}
              aria-current={item.active ? "page" : undefined}
              className={`flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap ${
                item.active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
              }`}
            >
              {item.label}
              <span className="text-xs text-slate-600 tabular-nums">{item.count}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
