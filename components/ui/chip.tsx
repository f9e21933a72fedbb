// A small status label. Tones carry meaning only together with their text (never colour alone).
import type { ReactNode } from "react";

export type ChipTone = "neutral" | "success" | "warning" | "danger" | "info" | "accent";

// Styles: .chip and .chip-<tone> in app/globals.css (chips repeat on every table row).
export function Chip({ tone = "neutral", children, className = "" }: { tone?: ChipTone; children: ReactNode; className?: string }) {
  return (
    <span className={className ? `chip chip-${tone} ${className}` : `chip chip-${tone}`}>
      {children}
    </span>
  );
}
