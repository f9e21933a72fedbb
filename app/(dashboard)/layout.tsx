import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";

/** Every dashboard page: a live session (checked against the database), inside the app shell. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={{ email: user.email, name: user.name, role: user.role }} orgName={user.orgName}>
      {children}
    </AppShell>
  );
}
