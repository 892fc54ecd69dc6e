// Strings of the freshness seam (platform/freshness): the dated line every public page shows and
// the notice when an item is past its cadence.
export const freshnessLocales = {
  id: {
    'freshness.updated': 'Diperbarui {date}',
    'freshness.due_soon': 'Diperbarui {date}. Perlu diperbarui paling lambat {due}.',
    'freshness.stale': 'Perhatian: informasi ini belum diperbarui sejak {date}.',
    'freshness.never': 'Perhatian: informasi ini belum pernah diisi.',
    'freshness.state.fresh': 'Terkini',
    'freshness.state.due_soon': 'Segera perlu diperbarui',
    'freshness.state.stale': 'Belum diperbarui',
    'freshness.cadence.working_days': 'setiap {n} hari kerja',
    'freshness.cadence.days': 'setiap {n} hari',
  },
  en: {
    'freshness.updated': 'Updated {date}',
    'freshness.due_soon': 'Updated {date}. Must be updated by {due}.',
    'freshness.stale': 'Note: this information has not been updated since {date}.',
    'freshness.never': 'Note: this information has never been filled in.',
    'freshness.state.fresh': 'Current',
    'freshness.state.due_soon': 'Due for an update soon',
    'freshness.state.stale': 'Not updated',
    'freshness.cadence.working_days': 'every {n} working days',
    'freshness.cadence.days': 'every {n} days',
  },
};
