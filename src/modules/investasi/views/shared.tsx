/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors } from '../../../platform/http/input.ts';
import type { Freshness } from '../../../platform/freshness/index.ts';

/** A <select> with its label, hint and error beside it, like Field. */
export function Select({ c, name, label, options, value, errors, hint }: { c: Context<Env>; name: string; label: string; options: { value: string; label: string }[]; value?: string; errors?: FieldErrors; hint?: string }) {
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

export function FreshnessLine({ f }: { f: Freshness }) {
  return f.state === 'stale' ? <p class="stale" role="status">{f.text}</p> : <p class="muted">{f.text}</p>;
}

const RUPIAH = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });
/** "Rp 250.000.000.000" */
export const rupiah = (v: number) => RUPIAH.format(v).replace(/\u00a0/g, ' ');
