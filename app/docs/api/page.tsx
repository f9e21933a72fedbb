import type { Metadata } from "next";
import Link from "next/link";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { splitName, type ApiContract } from "@/lib/api/contract";
import { jsonSchema } from "@/lib/api/openapi";
import { getConfig } from "@/lib/config";
import { Chip } from "@/components/ui/chip";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/card";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

type Props = { properties?: Record<string, { type?: string | string[]; description?: string; enum?: unknown[] }>; required?: string[] };

function Fields({ schema }: { schema: Props }) {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {entries.map(([name, p]) => (
        <li key={name}>
          <code className="font-mono text-slate-900">{name}</code>
          <span className="text-slate-600">
            {" "}
            {p.enum ? p.enum.map(String).join(" | ") : Array.isArray(p.type) ? p.type.join(" | ") : (p.type ?? "value")}
            {schema.required?.includes(name) ? "" : " (optional)"}
            {p.description ? ` — ${p.description}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Operation({ c, baseUrl }: { c: ApiContract; baseUrl: string }) {
  const { method, path } = splitName(c.name);
  const auth = c.permission === "public" ? "" : ' \\\n  -H "X-API-Key: $PLAYGATE_API_KEY"';
  const body = c.body ? ` \\\n  -H "Content-Type: application/json" -d '{…}'` : "";
  return (
    <article className="border-t border-slate-200 py-4 first:border-t-0 first:pt-0">
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <Chip tone={method === "GET" ? "info" : method === "DELETE" ? "danger" : "accent"}>{method}</Chip>
        <span className="wrap-anywhere text-slate-900">{path}</span>
      </h3>
      <p className="mt-1 text-slate-700">{c.summary}</p>
      <p className="mt-1 text-xs text-slate-600">
        {c.permission === "public" ? "Public: no credentials." : <>Needs permission <code className="font-mono">{c.permission}</code>.</>} Success: {c.status ?? 200}.
      </p>
      {c.query ? <Fields schema={jsonSchema(c.query, "input") as Props} /> : null}
      {c.body ? <Fields schema={jsonSchema(c.body, "input") as Props} /> : null}
      <pre className="mt-2 whitespace-pre-wrap wrap-anywhere rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
        <code>{`curl -X ${method} ${baseUrl}${path}${auth}${body}`}</code>
      </pre>
    </article>
  );
}

/** Server-rendered API reference (public), generated from the same contracts as openapi.json. */
export default function ApiReferencePage() {
  const baseUrl = getConfig().appUrl;
  const tags = [...new Set(API_CONTRACTS.map((c) => c.tag))];
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <PageHeader
        title="Playgate API reference"
        description={
          <>
            Authenticate with the organisation&apos;s master API key (<code className="font-mono">X-API-Key</code>, acts as admin) or your session
            API token (<code className="font-mono">X-BINTU-TOKEN</code> or <code className="font-mono">Authorization: Bearer</code>). Errors are{" "}
            <code className="font-mono">{'{"error":{"code","message","fields"}}'}</code>. Machine-readable:{" "}
            <Link prefetch={false} className="font-medium text-accent-700 underline" href="/api/v1/openapi.json">
              openapi.json
            </Link>
            .
          </>
        }
      />
      {tags.map((tag) => (
        <Section key={tag} title={tag}>
          {API_CONTRACTS.filter((c) => c.tag === tag).map((c) => (
            <Operation key={c.name} c={c} baseUrl={baseUrl} />
          ))}
        </Section>
      ))}
    </main>
  );
}
