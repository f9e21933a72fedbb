// The token registry: every token the organisation issued, newest first, filtered in the URL.
import Link from "next/link";
import { listPlaybackTokens } from "@/lib/data/playback-tokens";
import { creatorShownTo } from "@/lib/tokens/creator";
import type { Role } from "@/lib/permissions";
import { getStream, streamNamesById } from "@/lib/data/streams";
import { NotFoundError } from "@/lib/errors";
import { Input, Select } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Pagination, searchParam, type SearchParamsRecord } from "@/components/ui/pagination";
import { REGISTRY_ANCHOR, STATUS_LABELS } from "@/lib/tokens/token-text";
import { RegistryTable, type RegistryRow } from "./registry-table";

const PAGE_SIZE = 20;

const STATUSES = ["active", "not_yet_valid", "expired", "revoked"] as const;
type Status = (typeof STATUSES)[number];
type Row = Awaited<ReturnType<typeof listPlaybackTokens>>["items"][number];


/** The creator as `viewer` may see them (no email without user:list): the rows travel in the RSC payload. */
function toRegistryRow(t: Row, viewer: Role, names: Map<string, string>): RegistryRow {
  return {
    id: t.id, jti: t.jti, status: t.status, targetType: t.targetType, groupId: t.groupId, groupName: t.groupId ? (names.get(t.groupId) ?? null) : null, streamNames: t.streamNames, tag: t.tag, userClaim: t.userClaim,
    issuedAt: t.issuedAt, expiresAt: t.expiresAt, createdByEmail: creatorShownTo(viewer, t.createdByEmail), createdByDeleted: t.createdByDeleted,
  };
}

export async function TokenRegistry({ orgId, viewer, searchParams, canRevoke }: { orgId: string; viewer: Role; searchParams: SearchParamsRecord; canRevoke: boolean }) {
  const statusParam = searchParam(searchParams.status);
  const status = STATUSES.includes(statusParam as Status) ? (statusParam as Status) : undefined;
  const tag = searchParam(searchParams.tag)?.slice(0, 64);
  // ?group= comes from a stream's instructions page ("all tokens for this stream").
  const group = searchParam(searchParams.group)?.slice(0, 64);
  const [{ items, nextCursor, newerCursor }, stream] = await Promise.all([
    listPlaybackTokens(orgId, { status, group, tag, limit: PAGE_SIZE, cursor: searchParam(searchParams.after), before: searchParam(searchParams.before) }),
    group ? getStream(orgId, group).catch((error: unknown) => (error instanceof NotFoundError ? null : Promise.reject(error))) : null,
  ]);
  const filtered = Boolean(status || tag || group);
  // One query names every stream group on the page (a token names its group by id only).
  const names = await streamNamesById(orgId, items.flatMap((t) => (t.groupId ? [t.groupId] : [])));

  return (
    <div>
      <form method="get" action={`/secure/token#${REGISTRY_ANCHOR}`} className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:flex-wrap sm:items-end sm:px-6" aria-label="Filter tokens">
        {group ? (
          <p className="w-full text-sm text-slate-700">
            <input type="hidden" name="group" value={group} />
            Tokens for the stream group <span className="font-medium text-slate-900">{stream?.name ?? "(deleted stream)"}</span>{" "}
            <span className="font-mono text-xs wrap-anywhere text-slate-600">{group}</span>
          </p>
        ) : null}
        <div className="sm:w-48">
          <Select label="Status" name="status" defaultValue={status ?? ""} options={[{ value: "", label: "Any status" }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]} />
        </div>
        <div className="sm:w-56">
          <Input label="Tag" name="tag" defaultValue={tag ?? ""} placeholder="any tag" />
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">Filter</Button>
          {filtered ? <Link prefetch={false} href={`/secure/token#${REGISTRY_ANCHOR}`} className="self-center text-sm font-medium text-accent-700 underline">Clear</Link> : null}
        </div>
      </form>
      <RegistryTable rows={items.map((t) => toRegistryRow(t, viewer, names))} canRevoke={canRevoke} filtered={filtered} />
      <div className="px-4 sm:px-6">
        <Pagination basePath="/secure/token" searchParams={searchParams} olderCursor={nextCursor} newerCursor={newerCursor} label="Token pages" anchor={REGISTRY_ANCHOR} />
      </div>
    </div>
  );
}
