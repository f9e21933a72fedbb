// The token form's stream picker at scale: an organisation with 1,200 streams (more than SQLite's
// bind-parameter limit allowed in one nested query) lists them all, each with its own stream
// names in rendition order, and nothing of another organisation.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { createOrganisation } from "@/tests/support/factory";
import { db } from "@/lib/db";
import { listStreamOptions, listStreamPicker, STREAM_PICKER_MAX } from "@/lib/data/streams";

setupTestDatabase();

describe("listStreamOptions at scale", () => {
  it("lists 1,200 streams with their own stream names, in order, and only the organisation's", async () => {
    const org = await createOrganisation();
    const other = await createOrganisation();
    const ids = Array.from({ length: 1200 }, (_, i) => `grp_scale${String(i).padStart(5, "0")}`);
    await db.stream.createMany({ data: ids.map((id, i) => ({ id, orgId: org.id, name: `Stream ${String(i).padStart(5, "0")}` })) });
    await db.streamRendition.createMany({
      data: ids.flatMap((id) => [
        { streamId: id, orgId: org.id, streamName: `${id}-lo`, label: "360p", position: 1 },
        { streamId: id, orgId: org.id, streamName: `${id}-hd`, label: "1080p", position: 0 },
      ]),
    });
    await db.stream.create({ data: { id: "grp_foreign", orgId: other.id, name: "Foreign", renditions: { create: [{ orgId: other.id, streamName: "foreign-1", label: "720p" }] } } });

    const options = await listStreamOptions(org.id);

    expect(options).toHaveLength(1200);
    expect(options[0]).toMatchObject({ id: ids[0], name: "Stream 00000", streamNames: [`${ids[0]}-hd`, `${ids[0]}-lo`] });
    expect(options[1199].streamNames).toEqual([`${ids[1199]}-hd`, `${ids[1199]}-lo`]);
    expect(options.some((o) => o.id === "grp_foreign" || o.streamNames.includes("foreign-1"))).toBe(false);
  });

  it("token form pickers list up to STREAM_PICKER_MAX streams and ask for typed ids above that", async () => {
    const org = await createOrganisation();
    const make = (from: number, to: number) =>
      db.stream.createMany({ data: Array.from({ length: to - from }, (_, i) => ({ id: `grp_pick${String(from + i).padStart(4, "0")}`, orgId: org.id, name: `S${from + i}` })) });
    await make(0, STREAM_PICKER_MAX);
    const few = await listStreamPicker(org.id);
    expect(few.typed).toBe(false);
    expect(few.streams).toHaveLength(STREAM_PICKER_MAX);
    // In the order people number them: S2 before S10 (the database alone would put S10 first).
    expect(few.streams.slice(0, 12).map((s) => s.name)).toEqual(["S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11"]);
    await make(STREAM_PICKER_MAX, STREAM_PICKER_MAX + 1);
    expect(await listStreamPicker(org.id)).toEqual({ streams: [], typed: true });
  });
});
