// The dashboard's navigation in one place, read by the desktop sidebar, the Account menu and the
// mobile menu so the three can never disagree. User management is offered only to roles that may
// list users (the page checks again; hiding the link is convenience, not security).
import type { ComponentType } from "react";
import { can, type Role } from "@/lib/permissions";
import { BuildingIcon, InfoIcon, LockIcon, StreamIcon, UserIcon, UsersIcon, type IconProps } from "@/components/ui/icons";

export type NavItem = {
  href: string;
  label: string;
  icon: ComponentType<IconProps>;
  /** Path prefixes that make this item the current one. */
  match: readonly string[];
};

export const MAIN_NAV: readonly NavItem[] = [
  { href: "/streams", label: "Streams", icon: StreamIcon, match: ["/streams", "/playout"] },
  { href: "/secure/token", label: "Secure token", icon: LockIcon, match: ["/secure"] },
  { href: "/organisation/overview", label: "Organisation", icon: BuildingIcon, match: ["/organisation"] },
];

/** Under the main menu, set apart: help for scripting the console, not a section of it. */
export const HELP_NAV: readonly NavItem[] = [{ href: "/docs/api", label: "API reference", icon: InfoIcon, match: ["/docs/api"] }];

export function accountNav(role: Role): NavItem[] {
  const items: NavItem[] = [
    { href: "/organisation/overview", label: "Organisation overview", icon: BuildingIcon, match: ["/organisation/overview"] },
  ];
  if (can(role, "user:list")) {
    items.push({ href: "/organisation/users", label: "User management", icon: UsersIcon, match: ["/organisation/users"] });
  }
  items.push({ href: "/account", label: "Account", icon: UserIcon, match: ["/account"] });
  return items;
}

export function isActive(item: NavItem, pathname: string | null): boolean {
  if (!pathname) return false;
  return item.match.some((prefix) => pathname === prefix || pathname.startsWith(prefix + "/"));
}

export type ShellUser = { email: string; name: string; role: Role };
