// UI strings in en, ru and zh (one JSON file per language). The language is
// the user's profile language unless they pick another one (remembered in
// localStorage). t('key', {name}) substitutes {name}.
import { useEffect, useState } from 'preact/hooks';
import en from './i18n/en.json';
import ru from './i18n/ru.json';
import zh from './i18n/zh.json';
// The knowledge editor, feedback and agent assist strings (all three languages).
import knowledge from './i18n/knowledge.json';

export type Lang = 'en' | 'ru' | 'zh';
export const LANGS: { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'ru', label: 'Русский' },
  { id: 'zh', label: '中文' },
];
const catalogs: Record<Lang, Record<string, string>> = {
  en: { ...en, ...knowledge.en },
  ru: { ...ru, ...knowledge.ru },
  zh: { ...zh, ...knowledge.zh },
};
const PICK_KEY = 'sa.lang';

let current: Lang = initial();
document.documentElement.lang = current;
const listeners = new Set<() => void>();

function initial(): Lang {
  const picked = localStorage.getItem(PICK_KEY);
  if (picked === 'en' || picked === 'ru' || picked === 'zh') return picked;
  const nav = (navigator.language || 'en').slice(0, 2);
  return nav === 'ru' || nav === 'zh' ? nav : 'en';
}

export function lang(): Lang {
  return current;
}

function apply(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
  listeners.forEach((fn) => fn());
}

// The user chose a language in the UI: it wins over the profile from now on.
export function pickLang(l: Lang): void {
  localStorage.setItem(PICK_KEY, l);
  apply(l);
}

// The profile's language, used unless the user picked one.
export function profileLang(l: string | null | undefined): void {
  if (localStorage.getItem(PICK_KEY)) return;
  if (l === 'en' || l === 'ru' || l === 'zh') apply(l);
}

export function t(key: string, vars: Record<string, string | number> = {}): string {
  const s = catalogs[current][key] ?? catalogs.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

// Re-renders the calling component when the language changes.
export function useLang(): Lang {
  const [, set] = useState(0);
  useEffect(() => {
    const l = () => set((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return current;
}

const locales: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' };

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return d.toLocaleString(locales[current], {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(locales[current], { hour: '2-digit', minute: '2-digit' });
}

// "5 min", "3 h", "2 d": how long ago.
export function fmtAge(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const ms = now - new Date(iso).getTime();
  const min = Math.max(0, Math.round(ms / 60000));
  if (min < 60) return t('age.min', { n: min });
  const h = Math.round(min / 60);
  if (h < 48) return t('age.h', { n: h });
  return t('age.d', { n: Math.round(h / 24) });
}

// The translation of `prefix.value`, or the value itself made readable.
export function label(prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = prefix + '.' + value;
  const s = t(key);
  return s === key ? value.replace(/_/g, ' ') : s;
}
