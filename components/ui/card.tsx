// White cards on the slate page. `Section` is a titled card and a labelled landmark region.
import { useId, type ReactNode } from "react";

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div className={`rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}>{children}</div>;
}

export type SectionProps = {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
  /** Heading level; pages use h1 in PageHeader, so sections default to h2. */
  level?: 2 | 3;
  className?: string;
  /** Remove the body padding, e.g. for a table that runs edge to edge. */
  flush?: boolean;
};

export function Section({ title, description, actions, children, id, level = 2, className = "", flush = false }: SectionProps) {
  const headingId = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section id={id} aria-labelledby={headingId} className={`rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-4 sm:px-6">
        <div className="min-w-0">
          <Heading id={headingId} className="text-base font-semibold text-slate-900">{title}</Heading>
          {description ? <p className="mt-1 text-slate-600">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      <div className={flush ? "" : "px-4 py-5 sm:px-6"}>{children}</div>
    </section>
  );
}
