// A wide table's scroll box: the table scrolls sideways inside it, never the page (issue 21: 390 px phones). A
// labelled, focusable region, so keyboard users can scroll it too; `sticky-first` keeps the first column in view.
import type { ReactNode } from "react";

export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll sticky-first" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
