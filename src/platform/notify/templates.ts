// Message templates, Indonesian and English. Modules add theirs with addTemplates() (their manifest's
// `templates`). A template names the parameters that are one-time secrets (`secret: ['code']`): those
// are never stored readable, only sealed for the delivery job (see notify.ts, ADR 015).
import type { Locale } from '../i18n/index.ts';

export interface Template {
  subject: string;
  body: string;
}

export type TemplateSet = Record<Locale, Template> & {
  /** parameters that are one-time secrets (verification and reset codes): masked in every stored copy */
  secret?: readonly string[];
};

/** What a secret parameter looks like in the stored copy: the same length whatever the code. */
export const MASK = '••••••';

const templates: Record<string, TemplateSet> = {};

export function addTemplates(t: Record<string, TemplateSet>) {
  Object.assign(templates, t);
}

export function templateSecrets(name: string): readonly string[] {
  return templates[name]?.secret ?? [];
}

export function renderTemplate(name: string, locale: Locale, params: Record<string, string | number>): Template {
  const tpl = templates[name]?.[locale] ?? templates[name]?.id;
  if (!tpl) throw new Error(`unknown message template ${name}`);
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
  return { subject: fill(tpl.subject), body: fill(tpl.body) };
}
