import { z } from 'zod';

/* What was archived in a plan, one row per record that can be restored on its own. */

export const archivedKindSchema = z.enum(['node', 'action', 'task', 'kpi', 'kpi_actual']);
export type ArchivedKind = z.infer<typeof archivedKindSchema>;

export const archivedItemSchema = z.object({
  kind: archivedKindSchema,
  id: z.string(),
  /** The action's key for an action (its restore route names it), otherwise null. */
  key: z.string().nullable(),
  /** 番号 of a node or an action; null for the other kinds. */
  number: z.string().nullable(),
  /** The title, or a one-line description (a task's year, department and text; an actual's date and value). */
  title: z.string(),
  /** What the record belongs to, in words (「6 窓口のオンライン化」); null at the top of the plan. */
  parent: z.string().nullable(),
  /** The action the record belongs to (or is), for a link to its editing page once restored. */
  actionKey: z.string().nullable(),
  /** The parent is archived too: it must be restored first. */
  parentArchived: z.boolean(),
  archivedAt: z.string(),
  /** From the history entry of the archiving, when there is one (a plan-file import has none per record). */
  archivedBy: z.string().nullable(),
  version: z.number().int(),
});
export type ArchivedItem = z.infer<typeof archivedItemSchema>;

export const archivedItemsResponseSchema = z.object({ items: z.array(archivedItemSchema) });
export type ArchivedItemsResponse = z.infer<typeof archivedItemsResponseSchema>;

export const restoreResponseSchema = z.object({
  ok: z.literal(true),
  /** The one-line summary written to the history, e.g. 「アクション「6 窓口のオンライン化」を復元」. */
  summary: z.string(),
});
export type RestoreResponse = z.infer<typeof restoreResponseSchema>;
