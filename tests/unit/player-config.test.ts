// The Playout page's two player configurations (issue 20 §2): nanoPlayer reads the token from
// source.entries[].h5live.security.jwtoken (one entry per rendition) or from
// source.group.security.jwtoken (the stream group by its id); each carries it in place.
import { describe, expect, it } from "vitest";
import { groupPlayerConfig, playerConfig, TOKEN_PLACEHOLDER } from "@/components/streams/player-config";

const renditions = [
  { streamName: "grp1-hd", label: "1080p", bitrateKbps: 6000 },
  { streamName: "grp1-sd", label: "480p", bitrateKbps: 1200 },
];
const edge = { hlsUrl: "https://edge.example.com/hls/{stream}/index.m3u8", rtmpUrl: "rtmp://edge.example.com/live" };

describe("player configuration", () => {
  it("entries form: every rendition's entry carries the token where nanoPlayer reads it", () => {
    const config = playerConfig("pk_1", renditions, edge, "eyJ.token");
    expect(config.source.entries.map((e) => e.h5live.security.jwtoken)).toEqual(["eyJ.token", "eyJ.token"]);
    expect(config.source.entries.map((e) => e.h5live.server.hls)).toEqual([
      "https://edge.example.com/hls/grp1-hd/index.m3u8",
      "https://edge.example.com/hls/grp1-sd/index.m3u8",
    ]);
  });

  it("group form: the stream group by its id, one security object for all renditions", () => {
    expect(groupPlayerConfig("pk_1", "grp_1", "eyJ.token")).toEqual({
      playerKey: "pk_1",
      source: { group: { id: "grp_1", security: { jwtoken: "eyJ.token" } } },
      playback: { autoplay: true, muted: true },
    });
  });

  it("both forms carry the placeholder the page replaces with the token made for it", () => {
    const entries = JSON.stringify(playerConfig("pk_1", renditions, edge));
    const group = JSON.stringify(groupPlayerConfig("pk_1", "grp_1"));
    expect(entries.split(JSON.stringify(TOKEN_PLACEHOLDER)).length - 1).toBe(renditions.length);
    expect(group.split(JSON.stringify(TOKEN_PLACEHOLDER)).length - 1).toBe(1);
  });
});
