/** @jsxImportSource hono/jsx */
// IkmBadge: the score of a service (or any subject) with its category and the number of
// respondents, for another module's page (layanan puts it on /layanan/{slug}).
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { IkmResult } from '../ikm.ts';

export function IkmBadge({ c, result }: { c: Context<Env>; result: IkmResult | null }) {
  const t = c.get('t');
  const fmt = new Intl.NumberFormat(c.get('locale') === 'en' ? 'en' : 'id', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <p class="ikm-badge">
      <strong>{t('satisfaction.badge.label')}: </strong>
      {result
        ? `${t('satisfaction.badge.value', { ikm: fmt.format(result.ikm), category: result.category, respondents: result.respondents })} — ${t(`satisfaction.category.${result.category}`)}`
        : t('satisfaction.badge.none')}
    </p>
  );
}
