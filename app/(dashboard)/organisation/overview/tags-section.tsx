// Tags: every tag in use on streams and playback tokens, with counts linking to what carries it.
import { Section } from "@/components/ui/card";
import { registryHref } from "@/lib/tokens/token-text";
import { EmptyState } from "@/components/ui/empty-state";
import { listTagsInUse } from "@/lib/data/organisation-settings";

export async function TagsSection({ orgId }: { orgId: string }) {
  const tags = await listTagsInUse(orgId);
  const link = "font-medium text-accent-700 underline-offset-2 hover:underline";
  return (
    <Section title="Tags" description="Every tag set on streams and playback tokens in this organisation.">
      {tags.length === 0 ? (
        <EmptyState title="No tags yet" description="Tag streams on the Streams page or tokens when you create them." />
      ) : (
        <ul className="flex flex-wrap gap-2">
          {tags.map((t) => (
            <li key={t.tag} className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border border-slate-200 bg-slate-50 px-3 py-1.5">
              <span className="font-mono font-medium text-slate-900">{t.tag}</span>
              {t.streams ? <a className={link} href={`/streams?tag=${encodeURIComponent(t.tag)}`}>{t.streams} {t.streams === 1 ? "stream" : "streams"}</a> : null}
              {t.tokens ? <a className={link} href={registryHref("tag", t.tag)}>{t.tokens} {t.tokens === 1 ? "token" : "tokens"}</a> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
