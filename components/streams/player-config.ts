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

/** The Playout page's configuration: one entry per rendition, each carrying the security object. */
export function playerConfig(playerKey: string, renditions: readonly Rendition[]) {
  return {
    playerKey,
    source: {
      startIndex: 0,
      entries: renditions.map((r, index) => ({
        index,
        label: r.label,
        info: { bitrate: r.bitrateKbps ?? 0 },
        h5live: {
          server: {
            websocket: `wss://${PLAYOUT_HOST}:443/h5live/stream/stream.mp4`,
            hls: `https://${PLAYOUT_HOST}:443/h5live/http/playlist.m3u8`,
            progressive: `https://${PLAYOUT_HOST}:443/h5live/http/stream.mp4`,
          },
          rtmp: { url: `rtmp://${PLAYOUT_HOST}/play`, streamname: r.streamName },
          security: { jwtoken: TOKEN_PLACEHOLDER },
        },
      })),
      options: { adaption: { rule: renditions.length > 1 ? "deviationOfMean2" : "none" } },
    },
    playback: { autoplay: true, muted: true },
  };
}
