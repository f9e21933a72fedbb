import type { Metadata } from "next";
import Link from "next/link";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { splitName, type ApiContract } from "@/lib/api/contract";
import { jsonSchema } from "@/lib/api/openapi";
import { getConfig } from "@/lib/config";
import { Chip } from "@/components/ui/chip";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/card";
import { curlExample } from "./curl-example";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

type JsonProp = { type?: string | string[]; description?: string; enum?: unknown[]; const?: unknown; items?: JsonProp; anyOf?: JsonProp[]; oneOf?: JsonProp[] };
type Props = { properties?: Record<string, JsonProp>; required?: string[] };

/** "integer | array of string" rather than "value": unions and arrays read as what they accept. */
function typeLabel(p: JsonProp): string {
  if (p.const !== undefined) return JSON.stringify(p.const);
  if (p.enum) return p.enum.map(String).join(" | ");
  const union = p.anyOf ?? p.oneOf;
  if (union) return union.map(typeLabel).join(" | ");
  if (p.type === "array" && p.items) {
    const item = typeLabel(p.items);
    return `array of ${item.includes(" | ") ? `(${item})` : item}`;
  }
  return Array.isArray(p.type) ? p.type.join(" | ") : (p.type ?? "value");
}

function Fields({ label, schema }: { label: string; schema: Props }) {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="mt-2">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <ul className="mt-1 space-y-1 text-sm">
        {entries.map(([name, p]) => (
          <li key={name}>
            <code className="font-mono text-slate-900">{name}</code>
            <span className="text-slate-600">
              {" "}
              {typeLabel(p)}
              {schema.required?.includes(name) ? "" : " (optional)"}
              {p.description ? ` — ${p.description}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Operation({ c, baseUrl }: { c: ApiContract; baseUrl: string }) {
  const { method, path } = splitName(c.name);
  return (
    <article className="border-t border-slate-200 py-4 first:border-t-0 first:pt-0">
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <Chip tone={method === "GET" ? "info" : method === "DELETE" ? "danger" : "accent"}>{method}</Chip>
        <span className="wrap-anywhere text-slate-900">{path}</span>
      </h3>
      <p className="mt-1 text-slate-700">{c.summary}</p>
      {c.description ? <p className="mt-1 text-sm text-slate-600">{c.description}</p> : null}
      <p className="mt-1 text-xs text-slate-600">
        {c.permission === "public" ? "Public: no credentials." : <>Needs permission <code className="font-mono">{c.permission}</code>.</>} Success: {c.status ?? 200}.
      </p>
      {c.query ? <Fields label="Query parameters" schema={jsonSchema(c.query, "input") as Props} /> : null}
      {c.body ? <Fields label="JSON body" schema={jsonSchema(c.body, "input") as Props} /> : null}
      <pre className="mt-2 whitespace-pre-wrap wrap-anywhere rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
        <code>{curlExample(c, baseUrl)}</code>
      </pre>
    </article>
  );
}

const CREDENTIALS = [
  {
    header: "X-API-Key: $PLAYGATE_API_KEY",
    text: "The organisation's master API key (pg_live_…, created by an admin in Organisation overview → API access). Acts as an admin. Invitation links it creates name the key and are revoked when the key is rotated.",
  },
  {
    header: "X-BINTU-TOKEN: $PLAYGATE_SESSION_TOKEN",
    text: "Your session API token (pg_st_…, in Organisation overview → API access → Session API token). Acts with your role until you sign out, change your password or your token key is reset.",
  },
  { header: "Authorization: Bearer $PLAYGATE_SESSION_TOKEN", text: "The same session API token as a bearer token." },
  {
    header: "X-BINTU-APIKEY: $PLAYGATE_API_KEY",
    text: "The master API key under nanoStream Cloud's header name. Accepted only by the nanoStream compatibility routes (/api/v1/splay…), which answer in nanoStream's shape and numbers; the rest of the API keeps X-API-Key.",
  },
];

/** Server-rendered API reference (public), generated from the same contracts as openapi.json. */
export default function ApiReferencePage() {
  const baseUrl = getConfig().appUrl;
  const tags = [...new Set(API_CONTRACTS.map((c) => c.tag))];
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <PageHeader
        eyebrow={
          <Link prefetch={false} href="/streams" className="hover:underline">
            ← Back to Playgate
          </Link>
        }
        title="Playgate API reference"
        description={
          <>
            Every route of the Playgate API with a curl example: replace path parameters such as <code className="font-mono">{"{id}"}</code> and
            values in <code className="font-mono">&lt;angle brackets&gt;</code> with your own. Errors are{" "}
            <code className="font-mono">{'{"error":{"code","message","fields"}}'}</code>, except on the nanoStream compatibility routes, which answer as nanoStream Cloud
            does. Machine-readable:{" "}
            <Link prefetch={false} className="font-medium text-accent-700 underline" href="/api/v1/openapi.json">
              openapi.json
            </Link>
            .
          </>
        }
      />
      <Section title="Credentials" description="Send one of these headers; the examples read the values from the shell variables PLAYGATE_API_KEY and PLAYGATE_SESSION_TOKEN.">
        <ul className="space-y-3 text-sm">
          {CREDENTIALS.map((cred) => (
            <li key={cred.header}>
              <code className="font-mono wrap-anywhere text-slate-900">{cred.header}</code>
              <p className="text-slate-600">{cred.text}</p>
            </li>
          ))}
        </ul>
      </Section>
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
