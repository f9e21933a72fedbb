import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { listStreams, type StreamView } from "@/lib/data/streams";
import { tagSchema } from "@/lib/validation/streams";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { Chip } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { Pagination, searchParam, type SearchParamsRecord } from "@/components/ui/pagination";
import { StreamIcon } from "@/components/ui/icons";
import { TagChips } from "@/components/streams/stream-chips";
import { LiveStateChip } from "@/components/streams/live-state-chip";
import { Button } from "@/components/ui/button";
import { CreateStreamDialog, StreamsTableActions } from "./stream-dialogs";

export const metadata: Metadata = { title: "Streams" };

const PAGE_SIZE = 20;

/** Plain buttons: StreamsTableActions (one island around the table) opens the dialog they name. */
function StreamRowButtons({ stream, canDelete }: { stream: StreamView; canDelete: boolean }) {
  const data = { "data-stream-id": stream.id, "data-stream-name": stream.name, "data-stream-tags": stream.tags.join(",") };
  return (
    <div className="flex flex-wrap justify-end gap-2 md:flex-nowrap">
      <Button variant="secondary" size="sm" aria-haspopup="dialog" aria-label={`Rename ${stream.name}`} data-stream-action="rename" {...data}>Rename</Button>
      <Button variant="secondary" size="sm" aria-haspopup="dialog" aria-label={`Edit tags of ${stream.name}`} data-stream-action="tags" {...data}>Tags</Button>
      {canDelete ? <Button variant="danger-outline" size="sm" aria-haspopup="dialog" aria-label={`Delete stream ${stream.name}`} data-stream-action="delete" {...data}>Delete</Button> : null}
    </div>
  );
}

export default async function StreamsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requireUser("stream:read");
  const params = await searchParams;
  const parsedTag = tagSchema.safeParse(searchParam(params.tag) ?? "");
  const tag = parsedTag.success ? parsedTag.data : undefined;
  const { items, nextCursor, newerCursor } = await listStreams(user.orgId, { tag, cursor: searchParam(params.after), before: searchParam(params.before), limit: PAGE_SIZE });
  const canWrite = can(user.role, "stream:write");
  const canDelete = can(user.role, "stream:delete");

  const columns = [
    {
      header: "Stream",
      cell: (s: StreamView) => (
        <div className="min-w-0">
          {/* Plain <a> in rows: next/link would hydrate (and prefetch) one client component per row (docs/performance.md#p7). */}
          <a href={`/streams/${s.id}`} className="font-medium text-accent-700 hover:underline">{s.name}</a>
          <p className="font-mono text-xs text-slate-600">{s.id}</p>
        </div>
      ),
    },
    { header: "State", cell: (s: StreamView) => <LiveStateChip id={s.id} state={s.state} /> },
    {
      header: "Renditions",
      cell: (s: StreamView) => (
        <ul className="space-y-0.5 text-xs">
          {s.renditions.map((r) => <li key={r.id} className="whitespace-nowrap"><span className="text-slate-600">{r.label}</span> <span className="font-mono whitespace-nowrap">{r.streamName}</span></li>)}
        </ul>
      ),
    },
    { header: "Tags", cell: (s: StreamView) => <TagChips tags={s.tags} /> },
    { header: "Created", cell: (s: StreamView) => <DateTime value={s.createdAt} /> },
    ...(canWrite
      ? [{
          header: "Actions",
          hideHeader: true,
          align: "right" as const,
          cell: (s: StreamView) => <StreamRowButtons stream={s} canDelete={canDelete} />,
        }]
      : []),
  ];

  const table = (
    <Table
      caption={tag ? `Streams tagged ${tag}` : "Streams"}
      columns={columns}
      rows={items}
      rowKey={(s) => s.id}
      empty={
        <EmptyState
          icon={<StreamIcon className="size-6" />}
          title={tag ? `No streams are tagged "${tag}"` : "No streams yet"}
          description={tag ? "Pick another tag or show all streams." : canWrite ? "Create a stream to get ingest names and issue playback tokens for it." : "Ask a user or admin of your organisation to create one."}
          action={tag ? <Link prefetch={false} href="/streams" className="font-medium text-accent-700 underline">Show all streams</Link> : canWrite ? <CreateStreamDialog /> : null}
        />
      }
    />
  );

  return (
    <>
      <PageHeader
        title="Streams"
        description="Your stream groups, their renditions and tags. A stream's id is the groupid a playback token can be issued for."
        actions={canWrite ? <CreateStreamDialog /> : null}
      />
      {tag ? (
        <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>Showing streams tagged</span>
          <Chip tone="accent">{tag}</Chip>
          <Link prefetch={false} href="/streams" className="font-medium text-accent-700 underline">Show all streams</Link>
        </div>
      ) : null}
      <Card className="overflow-hidden">
        {canWrite ? <StreamsTableActions>{table}</StreamsTableActions> : table}
      </Card>
      <Pagination basePath="/streams" searchParams={params} olderCursor={nextCursor} newerCursor={newerCursor} label="Stream pages" />
    </>
  );
}
