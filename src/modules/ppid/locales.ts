// Every string of the ppid module, Indonesian first. Keys are prefixed 'ppid.'.
export const locales = {
  id: {
    'ppid.clock.explain.received': '{days} hari kerja sejak permohonan diterima {from}',
    'ppid.clock.explain.registered': '{days} hari kerja sejak permohonan dicatat {from}',
    'ppid.clock.explain.extended': '{days} hari kerja (10 ditambah perpanjangan 7) sejak {from}',
    'ppid.clock.explain.answered': '{days} hari kerja sejak pemberitahuan tertulis {from}',
    'ppid.clock.explain.notice_lapsed': '{days} hari kerja sejak batas pemberitahuan tertulis {from} lewat tanpa jawaban',
    'ppid.clock.explain.objected': '{days} hari kerja sejak keberatan diajukan {from}',
    'ppid.clock.explain.objection_answered': '{days} hari kerja sejak tanggapan atasan PPID {from}',
    'ppid.clock.explain.atasan_lapsed': '{days} hari kerja sejak batas tanggapan atasan PPID {from} lewat tanpa jawaban',
    'ppid.clock.explain.skipping': '{base}, tidak termasuk {skipped}',
  },
  en: {
    'ppid.clock.explain.received': '{days} working days from receipt of the request on {from}',
    'ppid.clock.explain.registered': '{days} working days from registration of the request on {from}',
    'ppid.clock.explain.extended': '{days} working days (10 plus the 7-day extension) from {from}',
    'ppid.clock.explain.answered': '{days} working days from the written notice of {from}',
    'ppid.clock.explain.notice_lapsed': '{days} working days from {from}, when the notice deadline passed unanswered',
    'ppid.clock.explain.objected': '{days} working days from the objection of {from}',
    'ppid.clock.explain.objection_answered': "{days} working days from the atasan PPID's answer of {from}",
    'ppid.clock.explain.atasan_lapsed': "{days} working days from {from}, when the atasan PPID's deadline passed unanswered",
    'ppid.clock.explain.skipping': '{base}, not counting {skipped}',
  },
};
