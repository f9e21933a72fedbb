// The packages of the seed's "Enabled packages" section. The operator switches them with
// `npm run org -- package …`; Secure Playback gates token creation and VOD gates the VOD API.

export const PACKAGES = [
  { id: "live_processing", label: "Live Processing" },
  { id: "media_features", label: "Thumbnail, Motion Clip, Recording, Live Replay" },
  { id: "h5live_player", label: "H5Live Player" },
  { id: "webcaster", label: "Webcaster" },
  { id: "transcoding", label: "Transcoding" },
  { id: "secure_playback", label: "Secure Playback" },
  { id: "vod", label: "VOD" },
  { id: "metadata", label: "Metadata" },
] as const;

export type PackageId = (typeof PACKAGES)[number]["id"];

export const PACKAGE_IDS = PACKAGES.map((p) => p.id) as readonly PackageId[];

export function isPackageId(value: string): value is PackageId {
  return (PACKAGE_IDS as readonly string[]).includes(value);
}

/** Parses the stored JSON list, ignoring anything that is not a known package. */
export function parsePackages(stored: string): PackageId[] {
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list) ? list.filter((p): p is PackageId => typeof p === "string" && isPackageId(p)) : [];
  } catch {
    return [];
  }
}

export function hasPackage(stored: string, id: PackageId): boolean {
  return parsePackages(stored).includes(id);
}
