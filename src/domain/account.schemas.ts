import { z } from 'zod';
import { roles } from './policy.js';

/** Rules for accounts, shared by the API and the forms. */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export const loginSchema = z
  .string()
  .trim()
  .min(3, 'ログインIDは3文字以上にしてください')
  .max(100, 'ログインIDは100文字以内にしてください')
  .regex(/^[A-Za-z0-9._@+-]+$/, 'ログインIDは半角英数字と . _ @ + - で入力してください')
  .transform((value) => value.toLowerCase());

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, '表示名を入力してください')
  .max(50, '表示名は50文字以内にしてください');

export const emailSchema = z.email('メールアドレスの形式で入力してください').max(254);

/**
 * Length is what makes a password strong (NIST SP 800-63B); composition rules are not imposed. A password
 * that is one character repeated, or that contains the login ID, is refused.
 */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください`)
  .max(PASSWORD_MAX_LENGTH, `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください`)
  .refine((value) => new Set(value).size > 2, '同じ文字の繰り返しはパスワードに使えません');

export function passwordProblem({ password, login }: { password: string; login: string }): string | null {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'パスワードが条件を満たしていません';
  if (login.length >= 3 && password.toLowerCase().includes(login.toLowerCase())) {
    return 'パスワードにログインIDを含めないでください';
  }
  return null;
}

export const roleSchema = z.enum(roles, { error: '役割は admin / editor / viewer のいずれかです' });
