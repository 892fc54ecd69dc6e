// Pages a module offers (the holiday list, the unit directory), found by their title and by the
// words people actually type ("tanggal merah", "KTP"). A module lists its pages with i18n keys and
// returns matchPages(...) from its manifest's `search` hook; the portal puts page hits first.
import type { Translate } from '../i18n/index.ts';
import type { SearchHit } from '../module.ts';

export interface SearchPage {
  /** i18n keys */
  title: string;
  body?: string;
  /** i18n key of a comma-separated list of other words for this page */
  synonyms?: string;
  href: string;
}

/** lower case, accents dropped, anything but letters and digits a space: "E-KTP" → "e ktp" */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Does every word of the query start a word of the text (title or synonyms)? */
export function wordsMatch(query: string, text: string): boolean {
  const q = searchWords(query);
  const words = searchWords(text);
  return q.length > 0 && q.every((w) => words.some((x) => x.startsWith(w)));
}

export function matchPages(q: string, t: Translate, pages: SearchPage[]): SearchHit[] {
  return pages
    .filter((p) => wordsMatch(q, `${t(p.title)} ${p.synonyms ? t(p.synonyms) : ''}`))
    .map((p) => ({ title: t(p.title), href: p.href, snippet: p.body ? t(p.body) : undefined, kind: 'portal.search.kind.page', rank: 0 }));
}
