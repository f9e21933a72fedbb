// One row per figure: value beside its reference, the ratio, the target and whether it is met.
export type Check = "ratio" | "max-ratio" | "max-value" | "min-value" | "count";

export interface Row {
  id: string;
  figure: string;
  value: number;
  reference: number;
  ratio: number | null;
  target: string;
  ok: boolean;
  unit: string;
  note?: string;
}

/** ratio: value/reference ≥ target; max-ratio: ≤ target; max/min-value and count compare the value itself. */
export function row(id: string, figure: string, value: number, reference: number, check: Check, target: number, unit: string, note?: string): Row {
  const ratio = check === "ratio" || check === "max-ratio" ? value / reference : null;
  const ok =
    check === "ratio" ? ratio! >= target
    : check === "max-ratio" ? ratio! <= target
    : check === "min-value" ? value >= target
    : value <= target;
  const label = check === "ratio" ? `≥ ${target}×` : check === "max-ratio" ? `≤ ${target}×` : check === "min-value" ? `≥ ${target}` : check === "count" ? `= ${target}` : `≤ ${target}`;
  return { id, figure, value: round(value), reference: round(reference), ratio: ratio === null ? null : round(ratio, 3), target: label, ok: Number.isFinite(value) && ok, unit, ...(note ? { note } : {}) };
}

const round = (x: number, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export function printTable(rows: Row[]) {
  const head = ["#", "figure", "value", "reference", "ratio", "target", "ok"];
  const cells = rows.map((r) => [r.id, r.figure, `${r.value} ${r.unit}`, `${r.reference} ${r.unit}`, r.ratio === null ? "—" : `${r.ratio}×`, r.target, r.ok ? "ok" : "NOT OK"]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join("  ");
  console.log(["", line(head), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line), ""].join("\n"));
  for (const r of rows.filter((x) => x.note)) console.log(`  ${r.id} ${r.figure}: ${r.note}`);
}
