import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Streams" };

export default async function StreamsPage() {
  await requireUser("stream:read");
  return (
    <>
      <PageHeader title="Streams" description="Your stream groups, their renditions and tags." />
      <EmptyState title="Streams are coming soon" description="Stream management lands with the secure playback tokens work." />
    </>
  );
}
