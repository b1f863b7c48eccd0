export type Lang = 'zh' | 'en';
export interface Messages {
  zh: string;
  en: string;
}
export interface FieldError {
  path: string;
  rule: string;
  message: Messages;
}

/** An error with a stable code; the HTTP status is chosen here, never by a route. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: Messages,
    readonly fields: FieldError[] = [],
  ) {
    super(messages.en);
    this.name = 'AppError';
  }
}

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export const errors = {
  notFound: () => new AppError('not_found', 404, { zh: '记录不存在或无权访问', en: 'Not found' }),
  forbidden: () => new AppError('auth.forbidden', 403, { zh: '您的角色无权执行此操作', en: 'Your role may not do this' }),
  unauthenticated: () => new AppError('auth.unauthenticated', 401, { zh: '请先登录', en: 'Please sign in' }),
  invalidCredentials: () => new AppError('auth.invalid_credentials', 401, { zh: '用户名或密码错误', en: 'Wrong username or password' }),
  locked: (minutes: number) =>
    new AppError('auth.locked', 401, {
      zh: `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
      en: `Too many failed sign-ins: the account is locked, try again in ${minutes} minutes`,
    }),
  csrf: () => new AppError('auth.csrf_invalid', 403, { zh: '页面已过期，请刷新后重试', en: 'Missing or invalid CSRF token; reload the page' }),
  conflict: (code: string, messages: Messages) => new AppError(code, 409, messages),
  validation: (fields: FieldError[]) =>
    new AppError('validation_failed', 400, { zh: '输入有误，请检查标出的字段', en: 'Invalid input: check the fields named' }, fields),
  field: (path: string, rule: string, messages: Messages) => errors.validation([{ path, rule, message: messages }]),
};

/**
 * Readable rules for formats checked by pattern: a schema names one of these keys as the
 * message of its `.regex()` or `.refine()`, and the client gets the sentence in its language.
 */
export const FORMAT_RULES: Record<string, Messages> = {
  username: { zh: '3–32 位字母、数字、点、短横线或下划线', en: '3 to 32 letters, digits, dots, dashes or underscores' },
  phone: { zh: '电话号码只能包含数字、+、-、括号和空格（5–20 位）', en: 'a phone number of 5 to 20 digits, +, -, brackets or spaces' },
  code: { zh: '编码只能包含字母、数字和短横线（1–20 位）', en: 'a code of 1 to 20 letters, digits or dashes' },
  ring_closed: { zh: '边界环必须闭合（首尾坐标相同）', en: 'the ring must be closed (first position equals last)' },
};

interface ZodLikeIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function num(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint' ? String(v) : '?';
}

/** Turns a zod issue (as fastify-type-provider-zod hands it over) into a rule and bilingual message. */
export function fieldFromZodIssue(issue: ZodLikeIssue, context: string | undefined): FieldError {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || (context ?? '');
  const p = issue.params;
  const isString = p.origin === 'string';
  switch (issue.keyword) {
    case 'invalid_type':
      if (issue.message?.includes('received undefined')) return { path, rule: 'required', message: { zh: '必填', en: 'is required' } };
      return { path, rule: 'invalid_type', message: { zh: `类型错误，应为 ${String(p.expected)}`, en: `must be of type ${String(p.expected)}` } };
    case 'too_small':
      return isString
        ? { path, rule: 'too_small', message: { zh: `至少 ${num(p.minimum)} 个字符`, en: `must have at least ${num(p.minimum)} characters` } }
        : { path, rule: 'too_small', message: { zh: `不能小于 ${num(p.minimum)}`, en: `must be at least ${num(p.minimum)}` } };
    case 'too_big':
      return isString
        ? { path, rule: 'too_big', message: { zh: `最多 ${num(p.maximum)} 个字符`, en: `must have at most ${num(p.maximum)} characters` } }
        : { path, rule: 'too_big', message: { zh: `不能大于 ${num(p.maximum)}`, en: `must be at most ${num(p.maximum)}` } };
    case 'invalid_format':
      if (issue.message && FORMAT_RULES[issue.message]) return { path, rule: `format_${issue.message}`, message: FORMAT_RULES[issue.message]! };
      return { path, rule: 'invalid_format', message: { zh: `格式不正确（${String(p.format)}）`, en: `has an invalid format (${String(p.format)})` } };
    case 'invalid_value': {
      const values = Array.isArray(p.values) ? p.values.map(String).join(', ') : '';
      return { path, rule: 'invalid_value', message: { zh: `取值无效，可选：${values}`, en: `must be one of: ${values}` } };
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? p.keys.map(String).join(', ') : '';
      return { path: path || keys, rule: 'unrecognized_key', message: { zh: `不支持的字段：${keys}`, en: `unknown field: ${keys}` } };
    }
    default:
      if (issue.message && FORMAT_RULES[issue.message]) return { path, rule: issue.message, message: FORMAT_RULES[issue.message]! };
      return { path, rule: issue.keyword, message: { zh: issue.message ?? '无效', en: issue.message ?? 'is invalid' } };
  }
}
