// Demo seed: run once on the first start of an empty database in demo mode (scripts/serve.ts).
// Two organisations, so isolation can be seen and tested: "Demo Streaming Co" and "Other Org".
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { newUserData } from "@/lib/data/users";
import { newStreamId } from "@/lib/ids";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { tokenFormSchema } from "@/lib/validation/tokens";
import type { Actor } from "@/lib/auth/actor";
import { rotateIngestKey } from "@/lib/data/streams";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DEMO_ORG_NAME = "Demo Streaming Co";
export const OTHER_ORG_NAME = "Other Org";
export const DEMO_USERS = [
  { email: "admin@demo.local", name: "Ada Admin", role: "admin" },
  { email: "user@demo.local", name: "Uma User", role: "user" },
  { email: "readonly@demo.local", name: "Rory Readonly", role: "readonly" },
] as const;
export const OTHER_ADMIN_EMAIL = "admin@other.local";

interface StreamSeed {
  name: string;
  tags: string[];
  renditions: { name: string; label: string; kbps: number }[];
  state?: string;
}

const DEMO_STREAMS: StreamSeed[] = [
  { name: "Main Stage", tags: ["live", "conference"], state: "live", renditions: [
    { name: "mainstage-hd001", label: "1080p", kbps: 4500 },
    { name: "mainstage-sd001", label: "720p", kbps: 2500 },
    { name: "mainstage-lo001", label: "360p", kbps: 800 },
  ] },
  { name: "Studio B", tags: ["studio"], renditions: [
    { name: "studiob-hd0001", label: "1080p", kbps: 4000 },
    { name: "studiob-sd0001", label: "480p", kbps: 1200 },
  ] },
  { name: "Sports Field Cam", tags: ["sports", "live"], renditions: [{ name: "sportscam-00001", label: "720p", kbps: 3000 }] },
  { name: "Lobby Camera", tags: ["internal"], renditions: [{ name: "lobbycam-000001", label: "480p", kbps: 900 }] },
];

const OTHER_STREAMS: StreamSeed[] = [
  { name: "Other Org Channel", tags: ["private"], renditions: [{ name: "otherorg-ch0001", label: "720p", kbps: 2500 }] },
];

async function createStreams(orgId: string, streams: StreamSeed[]) {
  const ids: string[] = [];
  for (const s of streams) {
    const id = newStreamId();
    await db.stream.create({
      data: {
        id,
        orgId,
        name: s.name,
        state: s.state ?? "idle",
        renditions: { create: s.renditions.map((r, position) => ({ orgId, streamName: r.name, label: r.label, bitrateKbps: r.kbps, position })) },
        tags: { create: s.tags.map((tag) => ({ orgId, tag })) },
      },
    });
    ids.push(id);
  }
  return ids;
}

/** Where the seed keeps what `npm run demo:edge` needs: the organisations and every rendition's ingest key. */
export const EDGE_DEMO_FILE = "edge-demo.json";

export interface EdgeDemoFile {
  demoOrgId: string;
  otherOrgId: string;
  /** stream name → ingest key (shown nowhere else: the database keeps only its hash). */
  ingestKeys: Record<string, string>;
}

/** An ingest key for every rendition of the organisation, as its admin would create them. */
async function createIngestKeys(actor: Actor, ids: string[]): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const id of ids) {
    for (const r of await db.streamRendition.findMany({ where: { streamId: id }, orderBy: { position: "asc" } })) {
      keys[r.streamName] = (await rotateIngestKey(actor, id, r.streamName)).ingestKey;
    }
  }
  return keys;
}

/**
 * Seeds both organisations; returns the demo organisation's master API key (shown once). With a
 * data folder, the ingest keys go to <dataDir>/edge-demo.json (mode 600) for the edge demo.
 */
export async function seedDemo(password: string, options: { dataDir?: string } = {}) {
  const demo = await createOrganisation(
    {
      name: DEMO_ORG_NAME,
      admin: { email: DEMO_USERS[0].email, name: DEMO_USERS[0].name, password },
      packages: ["live_processing", "h5live_player", "webcaster", "transcoding", "secure_playback", "vod"],
      supportLevel: "Premium",
      analyticsLevel: "Advanced",
    },
    "demo-seed",
  );
  for (const u of DEMO_USERS.slice(1)) {
    await db.user.create({ data: { orgId: demo.org.id, ...(await newUserData({ ...u, password })) } });
  }
  const streamIds = await createStreams(demo.org.id, DEMO_STREAMS);
  await db.vodItem.createMany({
    data: [
      { orgId: demo.org.id, streamId: streamIds[0], title: "Keynote recording", url: "https://vod.example.com/demo/keynote.mp4", durationSec: 3120 },
      { orgId: demo.org.id, streamId: streamIds[0], title: "Panel: low-latency streaming", url: "https://vod.example.com/demo/panel.mp4", durationSec: 2710 },
      { orgId: demo.org.id, streamId: streamIds[2], title: "Match highlights", url: "https://vod.example.com/demo/highlights.mp4", durationSec: 540 },
    ],
  });

  // A few issued tokens, so the registry and the overview have something to show.
  const admin: Actor = { kind: "user", orgId: demo.org.id, role: "admin", userId: demo.admin.id, email: demo.admin.email, label: "demo-seed" };
  const DAY = 86_400_000;
  for (const input of [
    { target: "group", groupid: streamIds[0], tag: "keynote", user: "viewer-001" },
    { target: "group", groupid: streamIds[2], tag: "sports", domain: "*.example.com", expiresAt: new Date(Date.now() + 2 * DAY) },
    { target: "org", tag: "partners", ip: "203.0.113.0/24" },
  ]) {
    await createPlaybackToken(admin, tokenFormSchema.parse(input), "ui");
  }
  const revoked = await createPlaybackToken(admin, tokenFormSchema.parse({ target: "group", groupid: streamIds[1], tag: "leaked" }), "ui");
  const revokedAt = new Date();
  await db.playbackToken.update({ where: { id: revoked.id }, data: { revokedAt, revokedReason: "revoked" } });
  // As every revoke does: the offline verifiers' feed lists it (lib/data/revocations.ts).
  await db.revocation.create({ data: { orgId: demo.org.id, kind: "token", jti: revoked.jti, exp: revoked.expiresAt, createdAt: revokedAt } });

  const other = await createOrganisation(
    { name: OTHER_ORG_NAME, admin: { email: OTHER_ADMIN_EMAIL, name: "Otto Other", password }, packages: ["live_processing", "secure_playback"] },
    "demo-seed",
  );
  const otherStreamIds = await createStreams(other.org.id, OTHER_STREAMS);
  const otherAdmin: Actor = { kind: "user", orgId: other.org.id, role: "admin", userId: other.admin.id, email: other.admin.email, label: "demo-seed" };
  const ingestKeys = { ...(await createIngestKeys(admin, streamIds)), ...(await createIngestKeys(otherAdmin, otherStreamIds)) };
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    const file: EdgeDemoFile = { demoOrgId: demo.org.id, otherOrgId: other.org.id, ingestKeys };
    writeFileSync(path.join(options.dataDir, EDGE_DEMO_FILE), JSON.stringify(file, null, 2) + "\n", { mode: 0o600 });
  }
  await db.vodItem.create({ data: { orgId: other.org.id, title: "Other Org archive", url: "https://vod.example.com/other/archive.mp4", durationSec: 600 } });
  return { demoOrgId: demo.org.id, otherOrgId: other.org.id, masterKey: demo.masterKey };
}
