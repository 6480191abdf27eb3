import { z } from 'zod';
import { commentFieldsSchema } from '../../domain/comment.schemas.js';
import { idSchema } from '../../domain/plan-editing.schemas.js';

export const commentsParamsSchema = z.object({ planId: idSchema, actionKey: z.string().min(1).max(64) });
export const commentParamsSchema = z.object({ planId: idSchema, commentId: idSchema });

export const commentCreateRequestSchema = commentFieldsSchema;

export const commentRecordSchema = z.object({
  id: z.string(),
  authorUserId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type CommentRecord = z.infer<typeof commentRecordSchema>;

export const commentListResponseSchema = z.object({ comments: z.array(commentRecordSchema) });
export type CommentListResponse = z.infer<typeof commentListResponseSchema>;
