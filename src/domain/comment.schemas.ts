import { z } from 'zod';

/** A comment on an action: the rule the API and the comment form share. */
export const commentFieldsSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'コメントを入力してください')
    .max(2000, 'コメントは2000文字以内にしてください'),
});
export type CommentFields = z.infer<typeof commentFieldsSchema>;
