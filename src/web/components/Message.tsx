import type { ReactNode } from 'react';
import { fillNodes } from '../i18n/fill-nodes';

/** A translated sentence with elements in its {placeholders}, as a component (see fillNodes). */
export function Message({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  return fillNodes(text, values);
}
