// Every check of the organisation's streams in the last hour, per minute (lib/data/usage.ts).
import { Section } from "@/components/ui/card";
import { UsageChart } from "@/components/streams/usage-chart";
import { getConfig } from "@/lib/config";
import { usageLastHour } from "@/lib/data/usage";

export async function UsageSection({ orgId }: { orgId: string }) {
  const minutes = await usageLastHour(orgId);
  return (
    <Section title="Playback checks, last hour" description={`Every check of your streams by an edge, a media-server hook or authorize, per minute (UTC); counts arrive within ${getConfig().usage.flushSeconds} s. Each stream's page has its own.`}>
      <UsageChart minutes={minutes} label="Checks of all streams per minute" />
    </Section>
  );
}
