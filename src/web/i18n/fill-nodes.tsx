import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence whose {placeholders} are React nodes — most often the plan's own words in
 * <PlanText>, or a link — so that the whole sentence keeps one key and its own word order in each
 * language, and only the data inside it is marked as Japanese.
 */
export function fillNodes(message: string, nodes: Record<string, ReactNode>): ReactNode {
  // split() with a capturing group puts the placeholder names at the odd positions.
  return message.split(/\{(\w+)\}/).map((part, index) => {
    const key = `${index}-${part}`;
    if (index % 2 === 0) return part === '' ? null : <Fragment key={key}>{part}</Fragment>;
    return <Fragment key={key}>{part in nodes ? nodes[part] : `{${part}}`}</Fragment>;
  });
}
