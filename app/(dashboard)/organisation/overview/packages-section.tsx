// Enabled packages: what the operator switched on for this organisation, and how to get the rest.
// Only admins see the operator's command (they are the ones who ask for it); others are told whom to ask.
import { Section } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";
import { PACKAGES, type PackageId } from "@/lib/packages";
import type { Role } from "@/lib/permissions";

export function PackagesSection({ orgName, enabled, role }: { orgName: string; enabled: readonly PackageId[]; role: Role }) {
  const quotedOrg = JSON.stringify(orgName);
  return (
    <Section
      title="Enabled packages"
      description="Product features switched on for this organisation. Packages are enabled by the operator of this Playgate installation."
    >
      <ul className="divide-y divide-slate-100">
        {PACKAGES.map((pkg) => {
          const on = enabled.includes(pkg.id);
          return (
            <li key={pkg.id} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{pkg.label}</p>
                {on ? null : role === "admin" ? (
                  <p className="text-xs wrap-anywhere text-slate-600">
                    To enable, the operator runs <code className="font-mono">npm run org -- package enable {quotedOrg} {pkg.id}</code>
                  </p>
                ) : (
                  <p className="text-xs text-slate-600">Ask an administrator of your organisation to enable it.</p>
                )}
              </div>
              <div className="shrink-0">{on ? <Chip tone="success">Enabled</Chip> : <Chip tone="warning">Upgrade needed</Chip>}</div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
