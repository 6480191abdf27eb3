import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence whose placeholders are elements (e.g. the plan's own words in <PlanText>), so
 * that the whole sentence stays one message and only the data inside it is marked as Japanese.
 */
export function fillNodes(template: string, params: Record<string, ReactNode>): ReactNode {
  const parts = template.split(/\{(\w+)\}/);
  return parts.map((part, index) => (
    // Odd parts are placeholder names; a sentence's parts never move, so their place is their key.
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence keep their order
    <Fragment key={index}>{index % 2 === 1 ? (part in params ? params[part] : `{${part}}`) : part}</Fragment>
  ));
}
