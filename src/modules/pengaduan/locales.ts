// Every string of the pengaduan module, Indonesian first. Keys are prefixed 'pengaduan.'.
export const locales = {
  id: {
    'pengaduan.stats.received': 'Pengaduan diterima',
    'pengaduan.stats.on_time': 'Pengaduan ditanggapi dalam batas waktu',
    'pengaduan.stats.received_per_unit': 'Pengaduan diterima per unit',
    'pengaduan.error.unknown_category': 'Kategori pengaduan tidak dikenal.',
    'pengaduan.error.bad_location': 'Kelurahan tidak berada di kecamatan yang dipilih.',
    'pengaduan.error.empty_description': 'Tuliskan apa masalahnya.',
    'pengaduan.error.duplicate_submit': 'Pengaduan ini sudah terkirim.',
    'pengaduan.error.illegal_transition': 'Langkah ini tidak bisa dilakukan pada status pengaduan sekarang.',
    'pengaduan.error.unknown_unit': 'Unit tujuan tidak ditemukan.',
    'pengaduan.error.duplicate_of_required': 'Sebutkan nomor pengaduan yang sama.',
  },
  en: {
    'pengaduan.stats.received': 'Complaints received',
    'pengaduan.stats.on_time': 'Complaints answered within the deadline',
    'pengaduan.stats.received_per_unit': 'Complaints received per unit',
    'pengaduan.error.unknown_category': 'Unknown complaint category.',
    'pengaduan.error.bad_location': 'The kelurahan is not in the chosen kecamatan.',
    'pengaduan.error.empty_description': 'Describe the problem.',
    'pengaduan.error.duplicate_submit': 'This complaint was already sent.',
    'pengaduan.error.illegal_transition': 'This step is not possible in the complaint’s current state.',
    'pengaduan.error.unknown_unit': 'The receiving unit was not found.',
    'pengaduan.error.duplicate_of_required': 'Name the complaint this one repeats.',
  },
} as const;
