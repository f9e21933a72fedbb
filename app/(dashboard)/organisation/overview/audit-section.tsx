// The latest 20 audit events, for admins; the whole log is on /organisation/audit.
import { Section } from "@/components/ui/card";
import { LinkButton } from "@/components/ui/button";
import { AuditTable } from "@/components/organisation/audit-table";
import { toAuditTableRow } from "@/components/organisation/audit-rows";
import { describeAuditTargets, listAuditEvents } from "@/lib/data/audit";

export async function AuditSection({ orgId }: { orgId: string }) {
  const { items } = await listAuditEvents(orgId, {}, { limit: 20 });
  const names = await describeAuditTargets(orgId, items);
  return (
    <Section title="Recent activity" description="The last 20 audit events (who, what, when, result)." actions={<LinkButton href="/organisation/audit" size="sm">Full audit log</LinkButton>} flush>
      <AuditTable rows={items.map((e) => toAuditTableRow(e, names))} caption="Latest audit events" />
    </Section>
  );
}
