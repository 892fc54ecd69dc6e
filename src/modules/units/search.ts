// The units module's part of the site search: the directory page itself (found by "kelurahan",
// "kantor", "alamat"…), units by name, and agencies by what people go there for ("KTP", "akta" →
// Disdukcapil). The synonyms are strings per OPD short name (`units.synonyms.<slug>`), so they
// exist in both languages and a city's own agencies can get theirs in the locale files.
import type { AppContext } from '../../platform/http/context.ts';
import { dictionary, translator, type Locale } from '../../platform/i18n/index.ts';
import type { SearchHit } from '../../platform/module.ts';
import { matchPages, searchWords, wordsMatch } from '../../platform/search/pages.ts';
import { listUnits, searchUnits } from './service.ts';
import { displayName, unitHref } from './views/public.tsx';

/** 'disdukcapil' for 16.71.opd.disdukcapil (and for 12.71.opd.disdukcapil: the same agency everywhere) */
const opdSlug = (code: string) => /\.opd\.([a-z0-9-]+)$/.exec(code)?.[1];

export async function unitSearch(q: string, ctx: AppContext, locale: Locale): Promise<SearchHit[]> {
  const t = translator(locale);
  const dict = dictionary(locale);
  const pages = matchPages(q, t, [{ title: 'units.public.title', body: 'units.home.body', synonyms: 'units.search.synonyms', href: '/instansi' }]);
  const words = searchWords(q);
  if (!words.length) return pages;
  const bySynonym = (await listUnits(ctx.db, { kind: 'opd' }))
    .filter((u) => {
      const key = `units.synonyms.${opdSlug(u.code)}`;
      return key in dict && wordsMatch(q, dict[key]);
    })
    .map((u) => u.code);
  const rows = await searchUnits(ctx.db, words, { extraCodes: bySynonym });
  return [
    ...pages,
    ...rows.map((u) => ({
      title: displayName(t, u),
      href: unitHref(u.code),
      kind: `units.kind.${u.kind}`,
      snippet: u.parentName && u.kind !== 'opd' && u.kind !== 'kecamatan' ? t('units.search.in', { parent: u.parentName }) : undefined,
    })),
  ];
}
