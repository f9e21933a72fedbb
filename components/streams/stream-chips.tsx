// Small stream labels shared by the streams, stream overview and playout pages.
import { Chip } from "@/components/ui/chip";

export function StreamStateChip({ state }: { state: string }) {
  return state === "live" ? <Chip tone="success">Live</Chip> : <Chip tone="neutral">Idle</Chip>;
}

/** Each tag links to the streams list filtered by it. */
export function TagChips({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span className="text-xs text-slate-500">No tags</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <a href={`/streams?tag=${encodeURIComponent(tag)}`} className="rounded-full focus-visible:outline-2" aria-label={`Streams tagged ${tag}`}>
            <Chip tone="accent">{tag}</Chip>
          </a>
        </li>
      ))}
    </ul>
  );
}
