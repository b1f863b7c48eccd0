import { en } from './en';
import { zh, type MessageKey } from './zh';

export type { MessageKey } from './zh';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type MessageParams = Record<string, string | number>;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, value);
}

/** Fills `{name}` placeholders of a text; a name without a value stays as it is. */
export function fillParams(template: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** Looks up a message and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return fillParams(DICTIONARIES[lang][key], params);
}

/** Picks the right side of a `{ zh, en }` label pair from the shared package. */
export function pickLabel(lang: Lang, label: { zh: string; en: string } | undefined, fallback: string): string {
  return label ? label[lang] : fallback;
}

export const TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime ? 't' : 'd'}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** Dates are always shown in China Standard Time, whatever the browser's own zone is. */
export function formatDateTime(lang: Lang, value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(lang, true).format(date);
}

export function formatDate(lang: Lang, value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(lang, false).format(date);
}

/** Turns a calendar day picked in the UI into the UTC instant that day starts (or ends) in Shanghai. */
export function shanghaiDayBoundary(day: string, edge: 'start' | 'end'): string {
  const time = edge === 'start' ? '00:00:00.000' : '23:59:59.999';
  return new Date(`${day}T${time}+08:00`).toISOString();
}

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB').format(value);
}
