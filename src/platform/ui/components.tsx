/** @jsxImportSource hono/jsx */
// Form building blocks that follow UI.md: label, hint, the error beside the field, what the person
// typed kept, an error summary linking to each field.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Env } from '../http/context.ts';
import { csrfToken } from '../http/csrf.ts';
import type { FieldErrors } from '../http/input.ts';
import type { Freshness } from '../freshness/index.ts';

export function Csrf({ c }: { c: Context<Env> }) {
  return <input type="hidden" name="_csrf" value={csrfToken(c)} />;
}

export function ErrorSummary({ c, errors, params }: { c: Context<Env>; errors: FieldErrors; params?: Record<string, string | number> }) {
  const t = c.get('t');
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{t('error.summary')}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li>{field === '_' ? t(key, params) : <a href={`#f-${field}`}>{t(key, params)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export interface FieldProps {
  c: Context<Env>;
  name: string;
  label: string;
  hint?: string;
  type?: string;
  value?: string;
  errors?: FieldErrors;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal' | 'search' | 'url' | 'none';
  maxlength?: number;
  required?: boolean;
  multiline?: boolean;
  params?: Record<string, string | number>;
}

export function Field(p: FieldProps) {
  const t = p.c.get('t');
  const id = `f-${p.name}`;
  const err = p.errors?.[p.name];
  const described = [p.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: p.name,
    'aria-describedby': described,
    'aria-invalid': err ? 'true' : undefined,
    autocomplete: p.autocomplete,
    maxlength: p.maxlength,
    required: p.required,
  };
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? <p class="hint" id={`${id}-hint`}>{p.hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{t(err, p.params)}</p> : null}
      {p.multiline ? (
        <textarea {...common} rows={5}>{p.value ?? ''}</textarea>
      ) : (
        <input {...common} type={p.type ?? 'text'} value={p.type === 'password' ? undefined : p.value} inputmode={p.inputmode} />
      )}
    </div>
  );
}

export function Notice({ kind, children }: { kind?: 'ok' | 'warn'; children: Child }) {
  return <div class={kind ? `notice ${kind}` : 'notice'} role="status">{children}</div>;
}

export interface Column<R> {
  /** the column's heading (already translated; an element for e.g. a visually hidden heading) */
  header: Child;
  cell: (row: R) => Child;
  /** class on the header and every cell, e.g. 'num' for right-aligned figures, 'actions' */
  class?: string;
  /** false leaves the column out (e.g. an actions column for someone who may not act) */
  when?: boolean;
}

/**
 * The one way to show rows of data: a real table with a caption and column headers (screen readers
 * announce both), inside a region that scrolls sideways on a 360 px phone instead of widening the
 * page; the region is focusable so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function DataTable<R>(p: { caption: string; captionHidden?: boolean; columns: Column<R>[]; rows: R[]; empty?: string; rowClass?: (row: R) => string | undefined; tableClass?: string }) {
  const cols = p.columns.filter((col) => col.when !== false);
  if (!p.rows.length && p.empty) return <p class="muted">{p.empty}</p>;
  return (
    <div class="table-wrap" role="region" aria-label={p.caption} tabindex={0}>
      <table class={p.tableClass}>
        <caption class={p.captionHidden ? 'skip' : undefined}>{p.caption}</caption>
        <thead>
          <tr>{cols.map((col) => <th scope="col" class={col.class}>{col.header}</th>)}</tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr class={p.rowClass?.(r)}>{cols.map((col) => <td class={col.class}>{col.cell(r)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What the installed modules offer, as one phrase in the page's language ("A, B, dan C"), from
 * their home cards' `offer` keys — the same rule as the menu: copy never promises a module that is
 * not installed. `extra` adds the page's own offers; 'account' keeps those that need an account.
 */
export function offerText(c: Context<Env>, which: 'home' | 'account', extra: string[] = []): string {
  const t = c.get('t');
  const keys = c
    .get('app')
    .modules.flatMap((m) => m.home ?? [])
    .filter((h) => h.offer && (which === 'home' || h.account))
    .sort((a, b) => a.order - b.order)
    .map((h) => h.offer!);
  const phrases = [...keys, ...extra].map((k) => t(k));
  return phrases.length ? listFormat(c.get('locale')).format(phrases) : '';
}

// building an Intl.ListFormat costs more than the rest of offerText; two locales, kept
const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(locale: string): Intl.ListFormat {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return f;
}

/** A <select> with its label, hint and error beside it, like Field. */
export function SelectField({ c, name, label, options, value, errors, hint }: { c: Context<Env>; name: string; label: string; options: { value: string; label: string }[]; value?: string; errors?: FieldErrors; hint?: string }) {
  const t = c.get('t');
  const id = `f-${name}`;
  const err = errors?.[name];
  const described = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
      <select id={id} name={name} aria-describedby={described} aria-invalid={err ? 'true' : undefined}>
        {options.map((o) => <option value={o.value} selected={o.value === (value ?? '')}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** "Diperbarui …", or the stale notice in words (never colour alone). */
export function FreshnessLine({ f }: { f: Freshness }) {
  return f.state === 'stale' ? <p class="stale" role="status">{f.text}</p> : <p class="muted">{f.text}</p>;
}
