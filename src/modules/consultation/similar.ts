// "Similar questions": the published FAQ entries that share words with what someone is typing.
// Small on purpose: a region has hundreds of entries, not millions, so they are scored in memory.
const STOP = new Set(['yang', 'dan', 'atau', 'untuk', 'dengan', 'saya', 'apa', 'apakah', 'bagaimana', 'cara', 'bisa', 'dari', 'ini', 'itu', 'ada', 'kalau', 'jika', 'mau', 'ingin', 'tidak', 'sudah', 'belum', 'dimana', 'mana', 'berapa', 'kapan', 'harus', 'perlu', 'saja', 'tolong', 'mohon', 'bapak', 'ibu', 'terima', 'kasih', 'the', 'how', 'what', 'and']);

export function words(text: string): string[] {
  return [...new Set(text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length >= 3 && !STOP.has(w)))];
}

/** Shared words (a 4+ letter word matches one it starts, e.g. "mengurus"/"urus" do not, "sktm"/"sktm" do). */
export function score(typed: string[], candidate: string[]): number {
  if (!typed.length || !candidate.length) return 0;
  let hits = 0;
  for (const w of typed) if (candidate.some((c) => c === w || (w.length >= 4 && c.startsWith(w)) || (c.length >= 4 && w.startsWith(c)))) hits++;
  return hits / typed.length;
}

export function rankSimilar<T>(text: string, items: T[], textOf: (item: T) => string, opts: { min?: number; limit?: number } = {}): T[] {
  const typed = words(text);
  if (!typed.length) return [];
  return items.map((item) => ({ item, s: score(typed, words(textOf(item))) }))
    .filter((x) => x.s >= (opts.min ?? 0.34))
    .sort((a, b) => b.s - a.s)
    .slice(0, opts.limit ?? 5)
    .map((x) => x.item);
}
