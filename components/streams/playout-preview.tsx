"use client";
// The Playout page's preview: plays a rendition through the installation's edge (PLAYGATE_EDGE_HLS_URL)
// with the token the user pastes or has just created in the inline dialog, or without one, to show
// what a viewer gets. hls.js is loaded only when Play is pressed (its own chunk: no other page, and
// not this page's first load, carries it). The token goes as Authorization: Bearer on every request,
// which every shipped edge accepts; Safari's native HLS cannot send headers, so it gets ?token=.
import { useEffect, useId, useRef, useState } from "react";
import type HlsType from "hls.js";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { useTokenInsert } from "@/components/tokens/token-insert";

type Source = { label: string; streamName: string; url: string };
type Status = { tone: "neutral" | "ok" | "bad"; text: string };

/** What a refusal's X-Playgate-Reason means to the person at the page. */
const REASONS: Record<string, string> = {
  token_required: "this stream needs a playback token",
  revoked: "the token has been revoked",
  key_revoked: "the key that signed the token has been revoked",
  expired: "the token has expired",
  stream_not_allowed: "the token does not allow this stream",
  ip_not_allowed: "the token is locked to another IP address",
  domain_not_allowed: "the token is locked to another domain",
  bad_signature: "the token's signature does not match",
  malformed: "that is not a token or a short reference",
  unavailable: "Playgate cannot reach its database",
};

function refusal(status: number, reason: string | null): string {
  const why = reason ? (REASONS[reason] ?? reason) : "no reason given";
  return `Refused by the edge: ${status}${reason ? ` ${reason}` : ""} — ${why}.`;
}

export function PlayoutPreview({ sources }: { sources: Source[] }) {
  const inserted = useTokenInsert()?.token ?? null;
  // What was typed, against the inserted token it was typed over: a newly inserted token replaces it.
  const [typed, setTyped] = useState<{ over: string | null; value: string }>({ over: inserted, value: inserted ?? "" });
  const token = typed.over === inserted ? typed.value : (inserted ?? "");
  const [index, setIndex] = useState(0);
  const [status, setStatus] = useState<Status>({ tone: "neutral", text: "Not playing." });
  const video = useRef<HTMLVideoElement>(null);
  const hls = useRef<HlsType | null>(null);
  const statusId = useId();

  useEffect(() => () => hls.current?.destroy(), []);

  function stop(text = "Stopped.") {
    hls.current?.destroy();
    hls.current = null;
    const v = video.current;
    if (v) {
      v.removeAttribute("src");
      v.load();
    }
    setStatus({ tone: "neutral", text });
  }

  async function play(withToken: boolean) {
    const source = sources[index];
    const sent = withToken ? token.trim() : "";
    if (withToken && !sent) return setStatus({ tone: "bad", text: "Paste a playback token or its short reference first, or create one with Create playback token." });
    stop("Asking the edge…");
    const headers: Record<string, string> = sent ? { Authorization: `Bearer ${sent}` } : {};
    let res: Response;
    try {
      res = await fetch(source.url, { headers, cache: "no-store" });
    } catch {
      return setStatus({ tone: "bad", text: `The edge at ${new URL(source.url).origin} does not answer. Is it running? (In the demo: npm run demo:edge.)` });
    }
    if (!res.ok) {
      return setStatus({ tone: "bad", text: res.status === 404 ? "The edge has no playlist for this rendition: is the encoder publishing?" : refusal(res.status, res.headers.get("x-playgate-reason")) });
    }
    const v = video.current!;
    const { default: Hls } = await import("hls.js");
    if (Hls.isSupported()) {
      const player = new Hls({
        liveSyncDurationCount: 2,
        // A refusal is final: give up after two retries instead of hls.js's minute of back-off.
        manifestLoadingMaxRetry: 1,
        levelLoadingMaxRetry: 2,
        fragLoadingMaxRetry: 2,
        xhrSetup: (xhr) => (sent ? xhr.setRequestHeader("Authorization", `Bearer ${sent}`) : undefined),
      });
      hls.current = player;
      player.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        const code = data.response?.code ?? 0;
        player.destroy();
        hls.current = null;
        if (code !== 401 && code !== 403) return setStatus({ tone: "bad", text: `Playback failed: ${data.details}.` });
        // hls.js does not keep the answer's headers: ask once more for the edge's reason.
        fetch(source.url, { headers, cache: "no-store" })
          .then((again) => again.headers.get("x-playgate-reason"), () => null)
          .then((reason) => setStatus({ tone: "bad", text: `${refusal(code, reason)} Playback stopped.` }));
      });
      player.loadSource(source.url);
      player.attachMedia(v);
    } else if (v.canPlayType("application/vnd.apple.mpegurl")) {
      v.src = sent ? `${source.url}${source.url.includes("?") ? "&" : "?"}token=${encodeURIComponent(sent)}` : source.url;
    } else {
      return setStatus({ tone: "bad", text: "This browser cannot play HLS." });
    }
    setStatus({ tone: "neutral", text: "Loading…" });
    v.play().catch(() => {});
  }

  const tone = { neutral: "text-slate-700", ok: "text-emerald-800", bad: "text-red-800" }[status.tone];
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-2">
        <video
          ref={video}
          muted
          playsInline
          controls
          aria-describedby={statusId}
          aria-label={`Preview of ${sources[index]?.label ?? "the stream"}`}
          className="aspect-video w-full rounded-lg bg-slate-900"
          onPlaying={() => setStatus({ tone: "ok", text: `Playing ${sources[index].label} through the edge.` })}
        />
        <p id={statusId} role="status" className={`text-sm ${tone}`}>{status.text}</p>
      </div>
      <div className="space-y-4">
        {sources.length > 1 ? (
          <Select label="Rendition" value={String(index)} onChange={(e) => setIndex(Number(e.target.value))} options={sources.map((s, i) => ({ value: String(i), label: `${s.label} (${s.streamName})` }))} />
        ) : null}
        <Input
          label="Playback token or short reference"
          value={token}
          onChange={(e) => setTyped({ over: inserted, value: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          hint="A token created with Create playback token and used on this page is filled in here."
        />
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" onClick={() => play(true)}>Play with token</Button>
          <Button variant="secondary" onClick={() => play(false)}>Play without a token</Button>
          <Button variant="ghost" onClick={() => stop()}>Stop</Button>
        </div>
      </div>
    </div>
  );
}
