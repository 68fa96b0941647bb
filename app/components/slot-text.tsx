// A catalog text with element parts (issue 18): `<strong>…</strong>`, one kind of `<link>…</link>` drawn by `link`,
// and a `<date/>` slot filled by `date`. The parts are React elements, never HTML; any other `<…>` stays text.
import { createElement, Fragment, type ReactNode } from "react";

export function SlotText({
  text,
  link,
  date,
}: {
  text: string;
  link?: (children: string) => ReactNode;
  date?: ReactNode;
}) {
  const parts = text.split(/<(strong|link)>(.*?)<\/\1>|<(date)\/>/g);
  const nodes: ReactNode[] = [];
  for (let i = 0; i < parts.length; i += 4) {
    if (parts[i]) nodes.push(parts[i]);
    if (i + 3 >= parts.length) continue;
    const [tag, inner, slot] = [parts[i + 1], parts[i + 2], parts[i + 3]];
    if (slot === "date") nodes.push(createElement(Fragment, { key: i }, date ?? null));
    else if (tag === "link") nodes.push(createElement(Fragment, { key: i }, link ? link(inner) : inner));
    else if (tag) nodes.push(createElement(tag, { key: i }, inner));
  }
  return createElement(Fragment, null, ...nodes);
}
