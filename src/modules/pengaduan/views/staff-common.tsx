/** @jsxImportSource hono/jsx */
// Pieces the officer pages share: the select field, the state label and the deadline line.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors } from '../../../platform/http/input.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';

export const STAFF_PATH = '/petugas/pengaduan';
export const NEW_PATH = `${STAFF_PATH}/baru`;

export interface Option { value: string; label: string; group?: string }

export function Select({ c, name, label, hint, options, value, errors, required }: {
  c: Context<Env>; name: string; label: string; hint?: string; options: Option[]; value?: string; errors?: FieldErrors; required?: boolean;
}) {
  const t = c.get('t');
  const id = `f-${name}`;
  const err = errors?.[name];
  const described = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const groups = [...new Set(options.map((o) => o.group ?? ''))];
  const opt = (o: Option) => <option value={o.value} selected={o.value === (value ?? '')}>{o.label}</option>;
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
      <select id={id} name={name} aria-describedby={described} aria-invalid={err ? 'true' : undefined} required={required}>
        {groups.map((g) => (g ? <optgroup label={g}>{options.filter((o) => o.group === g).map(opt)}</optgroup> : options.filter((o) => !o.group).map(opt)))}
      </select>
    </div>
  );
}

export function Check({ name, label, hint, checked }: { name: string; label: string; hint?: string; checked?: boolean }) {
  const id = `f-${name}`;
  return (
    <div class="field">
      <input type="checkbox" id={id} name={name} value="1" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}> {label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
    </div>
  );
}

export function when(c: Context<Env>, d: Date | null): string {
  return d ? formatDateTime(c.get('locale'), d) : '—';
}
