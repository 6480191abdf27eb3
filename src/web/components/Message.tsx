import { createElement, Fragment, type ReactNode } from 'react';

/**
 * A translated sentence whose {placeholders} are elements — most often the plan's own words in
 * <PlanText> — so that the whole sentence keeps one key and its own word order in each language.
 */
export function Message({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/);
  // split() puts the captured placeholder names at the odd positions.
  const nodes = parts.map((part, position) => (position % 2 === 0 ? part : (values[part] ?? `{${part}}`)));
  return createElement(Fragment, null, ...nodes);
}
