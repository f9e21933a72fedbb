// The top of Stream Overview, Stream Instructions and Playout: name, state, the three tabs and
// the inline token dialog (shown to roles that may create tokens).
import Link from "next/link";
import { notFound } from "next/navigation";
import type { CurrentUser } from "@/lib/data/sessions";
import { getStream } from "@/lib/data/streams";
import { NotFoundError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import { InlineTokenDialog } from "@/components/tokens/inline-token-dialog";
import type { CreateTokenAction } from "@/components/tokens/token-form";
import { LiveStateChip } from "./live-state-chip";

/** A stream of the user's organisation, or the 404 page (also for other organisations' ids). */
export async function loadStream(user: CurrentUser, id: string) {
  try {
    return await getStream(user.orgId, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export function StreamHeader({ user, stream, current, description, actions, createToken }: {
  user: CurrentUser;
  stream: { id: string; name: string; state: string };
  current: "overview" | "instructions" | "playout";
  description: string;
  actions?: React.ReactNode;
  /** The token server action, from the page (components never import app/). */
  createToken: CreateTokenAction;
}) {
  const tabs = [
    { href: `/streams/${stream.id}`, label: "Overview" },
    { href: `/streams/${stream.id}/instructions`, label: "Instructions" },
    { href: `/playout/${stream.id}`, label: "Playout" },
  ];
  const currentHref = current === "overview" ? tabs[0].href : current === "instructions" ? tabs[1].href : tabs[2].href;
  return (
    <>
      <PageHeader
        eyebrow={<Link prefetch={false} href="/streams" className="hover:underline">← Streams</Link>}
        title={stream.name}
        meta={<LiveStateChip id={stream.id} state={stream.state} announce />}
        description={description}
        actions={
          <>
            {actions}
            <InlineTokenDialog user={user} stream={stream} createToken={createToken} />
          </>
        }
      />
      <Tabs items={tabs} current={currentHref} label="Stream pages" />
    </>
  );
}
