// Ingest and player snippets for a stream, nanoPlayer style. Pure: the pages print them and the
// token dialog's snippet goes where "<token>" stands.

const PLAYOUT_HOST = "playout.playgate.local";
export const TOKEN_PLACEHOLDER = "<token>";

type Rendition = { streamName: string; label: string; bitrateKbps?: number };

/** The embed snippet of the Instructions page: the whole group, secured by one token. */
export function embedSnippet(playerKey: string, groupId: string): string {
  return [
    `<div id="playout"></div>`,
    `<script src="https://${PLAYOUT_HOST}/nanoplayer/nanoplayer.min.js"></script>`,
    `<script>`,
    `  const player = new NanoPlayer("playout");`,
    `  player.setup({`,
    `    playerKey: "${playerKey}",`,
    `    source: {`,
    `      group: {`,
    `        id: "${groupId}",`,
    `        security: { jwtoken: "${TOKEN_PLACEHOLDER}" }`,
    `      }`,
    `    }`,
    `  });`,
    `</script>`,
  ].join("\n");
}

/**
 * The same player in nanoPlayer's other form: the stream group by its id, one security object for
 * all its renditions (`source.group.security.jwtoken`), as nanoStream Cloud's players read it.
 */
export function groupPlayerConfig(playerKey: string, groupId: string, token = TOKEN_PLACEHOLDER) {
  return {
    playerKey,
    source: { group: { id: groupId, security: { jwtoken: token } } },
    playback: { autoplay: true, muted: true },
  };
}

/** The installation's edge addresses (PLAYGATE_EDGE_HLS_URL with {stream}, PLAYGATE_EDGE_RTMP_URL); null when unset. */
export type EdgeAddresses = { hlsUrl: string | null; rtmpUrl: string | null };

export const HLS_URL_UNSET = "<set PLAYGATE_EDGE_HLS_URL>";
export const RTMP_URL_UNSET = "<set PLAYGATE_EDGE_RTMP_URL>";

/** A rendition's HLS playlist at the edge: PLAYGATE_EDGE_HLS_URL with the stream name for {stream}. */
export function hlsUrlFor(hlsUrl: string, streamName: string): string {
  return hlsUrl.replaceAll("{stream}", encodeURIComponent(streamName));
}

/** The Playout page's configuration: one entry per rendition, each carrying the security object. */
export function playerConfig(playerKey: string, renditions: readonly Rendition[], edge: EdgeAddresses, token = TOKEN_PLACEHOLDER) {
  return {
    playerKey,
    source: {
      startIndex: 0,
      entries: renditions.map((r, index) => ({
        index,
        label: r.label,
        info: { bitrate: r.bitrateKbps ?? 0 },
        h5live: {
          server: { hls: edge.hlsUrl ? hlsUrlFor(edge.hlsUrl, r.streamName) : HLS_URL_UNSET },
          rtmp: { url: edge.rtmpUrl ?? RTMP_URL_UNSET, streamname: r.streamName },
          security: { jwtoken: token },
        },
      })),
      options: { adaption: { rule: renditions.length > 1 ? "deviationOfMean2" : "none" } },
    },
    playback: { autoplay: true, muted: true },
  };
}
