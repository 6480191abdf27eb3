import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '../../../domain/account.schemas';
import type { Locale } from '../../../domain/locale';
import { type Role, roleLabels } from '../../../domain/policy';
import type { AreaMessages, TranslationParams } from '../../i18n/i18n';

/** The words of the login, password, account, members and invitation pages. */
const ja = {
  'role.admin': roleLabels.admin,
  'role.editor': roleLabels.editor,
  'role.viewer': roleLabels.viewer,
  'role.superAdmin': 'システム管理者',

  'field.login': 'ログインID',
  'field.password': 'パスワード',
  'field.displayName': '表示名',
  'field.role': '役割',
  'field.department': '担当課',
  'field.municipality': '自治体',
  'field.expiresAt': '有効期限',
  'field.actions': '操作',
  unknownDepartment: '（不明な課）',

  'login.title': 'ログイン',
  'login.lead':
    'Kiseki（軌跡）を利用するには、DX推進担当課から発行されたログインIDとパスワードでログインしてください。',
  'login.submit': 'ログイン',
  'login.pending': 'ログインしています…',
  'login.forgotten':
    'パスワードを忘れた場合は、DX推進担当課（管理者）にパスワード再設定リンクの発行を依頼してください。',

  'password.title': 'パスワードの変更',
  'password.forced':
    '初回ログインのため、発行されたパスワードを自分だけが知るパスワードに変更してください。変更するまでほかの画面は使えません。',
  'password.changed': 'パスワードを変更しました。ほかの端末でのログインは終了しました。',
  'password.current': '現在のパスワード',
  'password.new': '新しいパスワード',
  'password.newHint': '{min}文字以上。長い文（パスフレーズ）がおすすめです。ログインIDを含めないでください。',
  'password.newConfirmation': '新しいパスワード（確認）',
  'password.submit': 'パスワードを変更する',
  'password.pending': '変更しています…',
  'password.mismatch': '確認のため、同じパスワードをもう一度入力してください',

  'account.title': 'アカウント',
  'account.expiry': 'ログインの有効期限',
  'account.expiryNote': '{date}（操作するたびに延長されます）',
  'account.memberships': '所属と役割',
  'account.noMemberships': 'どの自治体にも所属していません。DX推進担当課（管理者）にお問い合わせください。',
  'account.manage': '管理',
  'account.members': '利用者管理',

  'members.title': '利用者管理',
  'members.loading': '利用者の一覧を読み込んでいます…',
  'members.lead':
    '利用者の役割は、管理者（DX推進担当課）・担当課（自課のタスクと指標を更新）・閲覧者（本部・協議会など）の3つです。担当課の利用者は、選んだ課のタスクだけを更新できます。',
  'members.heading': '利用者（{count}人）',
  'members.lastLogin': '最終ログイン',
  'members.hiddenName': '（{name}）',
  'members.changeRole': '役割を変更',
  'members.issueReset': '再設定リンク',
  'members.remove': '利用停止',
  'members.confirmRemove': '{name} の利用を停止します。よろしいですか？（変更履歴は残ります）',
  'members.resetLink': 'パスワード再設定リンク',
  'members.editForm': '{name} の役割の変更',
  'members.reload': '最新の内容を読み込む',
  'members.departments': '担当する課',
  'members.noDepartments': '課が登録されていません。先に計画を取り込むか、課を登録してください。',
  'members.save': '保存',
  'members.cancel': 'キャンセル',
  'members.invitations': '未使用の招待・再設定リンク',
  'members.kind': '種類',
  'members.kindInvite': '招待（{role}）',
  'members.kindReset': 'パスワード再設定',
  'members.revoke': '取り消す',
  'members.issued':
    '{label}を発行しました（有効期限7日・1回限り）。この画面を閉じると再表示できないため、本人に確実に伝えてください。',
  'members.invite': '利用者を招待する',
  'members.inviteLead':
    '招待リンクを発行します。本人がリンクを開いてパスワードを設定すると、利用できるようになります。',
  'members.inviteLink': '招待リンク',
  'members.loginHint': '半角英数字と . _ @ + -（職員番号やメールアドレスなど）',
  'members.displayNameHint': '例: 市民課 担当者',
  'members.email': 'メールアドレス（任意）',
  'members.emailHint': '提出期限などのお知らせを送ります。',
  'members.submitInvite': '招待リンクを発行する',

  'invitation.checking': '招待の内容を確認しています…',
  'invitation.invalid': '招待リンクが無効です',
  'invitation.invalidDetail':
    'このリンクはすでに使われたか、取り消されたか、有効期限（7日）が切れています。DX推進担当課（管理者）に再発行を依頼してください。',
  'invitation.offline': 'サーバーに接続できませんでした。時間をおいてもう一度お試しください。',
  'invitation.toLogin': 'ログイン画面へ',
  'invitation.resetTitle': 'パスワードの再設定',
  'invitation.registerTitle': '利用者登録',
  'invitation.resetDone': 'パスワードを設定しました',
  'invitation.registerDone': '登録が完了しました',
  'invitation.done': 'ログインID「{login}」と、いま設定したパスワードでログインしてください。',
  'invitation.displayNameHint': '変更履歴や提出状況に表示されます（例: デジタル戦略課 担当者）。',
  'invitation.passwordHint': '{min}文字以上。長い文（パスフレーズ）がおすすめです。',
  'invitation.passwordConfirmation': 'パスワード（確認）',
  'invitation.submitReset': 'パスワードを設定する',
  'invitation.submitRegister': '登録する',

  'problem.tooShort': `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください`,
  'problem.tooLong': `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください`,
  'problem.repeated': '同じ文字の繰り返しはパスワードに使えません',
  'problem.containsLogin': 'パスワードにログインIDを含めないでください',
  'problem.other': 'パスワードが条件を満たしていません',
};

const en: Record<keyof typeof ja, string> = {
  'role.admin': 'Administrator (DX office)',
  'role.editor': 'Department editor',
  'role.viewer': 'Viewer (headquarters, council, etc.)',
  'role.superAdmin': 'System administrator',

  'field.login': 'Login ID',
  'field.password': 'Password',
  'field.displayName': 'Display name',
  'field.role': 'Role',
  'field.department': 'Departments',
  'field.municipality': 'Municipality',
  'field.expiresAt': 'Expires',
  'field.actions': 'Actions',
  unknownDepartment: '(unknown department)',

  'login.title': 'Log in',
  'login.lead':
    'To use Kiseki, log in with the login ID and password issued by the DX office (the department that runs the DX plan).',
  'login.submit': 'Log in',
  'login.pending': 'Logging in…',
  'login.forgotten':
    'If you have forgotten your password, ask the DX office (administrator) to issue a password reset link.',

  'password.title': 'Change password',
  'password.forced':
    'This is your first login: replace the password you were given with one that only you know. The other screens can be used once it is changed.',
  'password.changed': 'Your password has been changed. Logins on other devices have been ended.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.newHint':
    'At least {min} characters. A long sentence (a passphrase) is recommended. Do not include your login ID.',
  'password.newConfirmation': 'New password (again)',
  'password.submit': 'Change password',
  'password.pending': 'Changing…',
  'password.mismatch': 'Enter the same password again to confirm it',

  'account.title': 'Account',
  'account.expiry': 'Login valid until',
  'account.expiryNote': '{date} (extended whenever you use Kiseki)',
  'account.memberships': 'Municipalities and roles',
  'account.noMemberships': 'You belong to no municipality. Please contact the DX office (administrator).',
  'account.manage': 'Manage',
  'account.members': 'Users',

  'members.title': 'Users',
  'members.loading': 'Loading the list of users…',
  'members.lead':
    'A user has one of three roles: administrator (the DX office), department editor (updates the tasks and KPIs of their own departments) and viewer (headquarters, council, etc.). A department editor can update only the tasks of the departments chosen for them.',
  'members.heading': 'Users ({count})',
  'members.lastLogin': 'Last login',
  'members.hiddenName': ' ({name})',
  'members.changeRole': 'Change role',
  'members.issueReset': 'Reset link',
  'members.remove': 'Remove access',
  'members.confirmRemove': 'Remove the access of {name}? (The change history is kept.)',
  'members.resetLink': 'Password reset link',
  'members.editForm': 'Change the role of {name}',
  'members.reload': 'Load the latest version',
  'members.departments': 'Departments',
  'members.noDepartments': 'No department is registered. Import a plan or register departments first.',
  'members.save': 'Save',
  'members.cancel': 'Cancel',
  'members.invitations': 'Unused invitation and reset links',
  'members.kind': 'Kind',
  'members.kindInvite': 'Invitation ({role})',
  'members.kindReset': 'Password reset',
  'members.revoke': 'Revoke',
  'members.issued':
    '{label} issued (valid for 7 days, once). It cannot be shown again after you leave this screen, so make sure the person receives it.',
  'members.invite': 'Invite a user',
  'members.inviteLead':
    'Issues an invitation link. The person opens the link and sets a password, and can then use Kiseki.',
  'members.inviteLink': 'Invitation link',
  'members.loginHint': 'Letters, digits and . _ @ + - (e.g. staff number or email address)',
  'members.displayNameHint': 'e.g. Citizens Division clerk',
  'members.email': 'Email address (optional)',
  'members.emailHint': 'Notices such as submission deadlines are sent here.',
  'members.submitInvite': 'Issue the invitation link',

  'invitation.checking': 'Checking the invitation…',
  'invitation.invalid': 'This invitation link is not valid',
  'invitation.invalidDetail':
    'The link has already been used, was revoked, or has expired (after 7 days). Ask the DX office (administrator) to issue a new one.',
  'invitation.offline': 'Could not connect to the server. Please try again later.',
  'invitation.toLogin': 'Go to the login screen',
  'invitation.resetTitle': 'Reset password',
  'invitation.registerTitle': 'Register',
  'invitation.resetDone': 'Your password has been set',
  'invitation.registerDone': 'You are registered',
  'invitation.done': 'Log in with the login ID “{login}” and the password you have just set.',
  'invitation.displayNameHint':
    'Shown in the change history and the submission status (e.g. Digital Strategy Division clerk).',
  'invitation.passwordHint': 'At least {min} characters. A long sentence (a passphrase) is recommended.',
  'invitation.passwordConfirmation': 'Password (again)',
  'invitation.submitReset': 'Set the password',
  'invitation.submitRegister': 'Register',

  'problem.tooShort': `Use at least ${PASSWORD_MIN_LENGTH} characters for the password`,
  'problem.tooLong': `Use at most ${PASSWORD_MAX_LENGTH} characters for the password`,
  'problem.repeated': 'A password cannot be the same character repeated',
  'problem.containsLogin': 'Do not include your login ID in the password',
  'problem.other': 'The password does not meet the conditions',
};

export type AccountMessageKey = keyof typeof ja;
export type AccountTranslate = (key: AccountMessageKey, params?: TranslationParams) => string;

export const accountMessages: AreaMessages<AccountMessageKey> = { ja, en };

/** A role as the screens name it; the server's Japanese label is the same as the dictionary's. */
export function getRoleLabel({
  role,
  superAdmin,
  t,
}: {
  role: Role;
  superAdmin: boolean;
  t: AccountTranslate;
}) {
  return superAdmin ? t('role.superAdmin') : t(`role.${role}`);
}

const PASSWORD_PROBLEMS: Record<string, AccountMessageKey> = Object.fromEntries(
  (['problem.tooShort', 'problem.tooLong', 'problem.repeated', 'problem.containsLogin'] as const).map(
    (key) => [ja[key], key],
  ),
);

/**
 * The shared password rule (src/domain/account.schemas.ts) answers in Japanese; its few messages are
 * looked up here so that the form says the same thing in the screen's language.
 */
export function findPasswordProblem({
  password,
  login,
  locale,
}: {
  password: string;
  login: string;
  locale: Locale;
}): string | undefined {
  const problem = passwordProblem({ password, login });
  if (!problem) return undefined;
  if (locale === 'ja') return problem;
  return accountMessages.en[PASSWORD_PROBLEMS[problem] ?? 'problem.other'];
}
