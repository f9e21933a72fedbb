// A small spinning ring. Decorative unless `label` is given (then it is a polite status).
// It only spins for users who have not asked for reduced motion.
export function Spinner({ label, className = "size-4" }: { label?: string; className?: string }) {
  const svg = (
    <svg viewBox="0 0 24 24" fill="none" className={`shrink-0 motion-safe:animate-spin ${className}`} aria-hidden="true">
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
  if (!label) return svg;
  return (
    <span role="status" className="inline-flex items-center gap-2">
      {svg}
      <span className="sr-only">{label}</span>
    </span>
  );
}
