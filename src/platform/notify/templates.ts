// Message templates, Indonesian and English. Modules add theirs with addTemplates().
import type { Locale } from '../i18n/index.ts';

export interface Template {
  subject: string;
  body: string;
}

const templates: Record<string, Record<Locale, Template>> = {};

export function addTemplates(t: Record<string, Record<Locale, Template>>) {
  Object.assign(templates, t);
}

export function renderTemplate(name: string, locale: Locale, params: Record<string, string | number>): Template {
  const tpl = templates[name]?.[locale] ?? templates[name]?.id;
  if (!tpl) throw new Error(`unknown message template ${name}`);
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
  return { subject: fill(tpl.subject), body: fill(tpl.body) };
}
