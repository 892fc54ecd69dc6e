/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
export { FreshnessLine } from '../../../platform/ui/components.tsx';

export const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

export function MarketPicker({ c, action, markets, chosen, label }: { c: Context<Env>; action: string; markets: { code: string; name: string }[]; chosen?: string; label: string }) {
  const t = c.get('t');
  return (
    <form method="get" action={action} class="contacts-pick">
      <div class="field">
        <label for="f-pasar">{label}</label>
        <select id="f-pasar" name="pasar">
          {markets.map((m) => <option value={m.code} selected={m.code === chosen}>{m.name}</option>)}
        </select>
      </div>
      <button type="submit">{t('prices.public.show')}</button>
    </form>
  );
}
