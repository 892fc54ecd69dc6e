export const locales = {
  id: {
    'portal.home.title': 'Beranda',
    'portal.home.lead': 'Layanan publik {region} dalam satu tempat: ajukan surat, sampaikan pengaduan, dan temukan informasi resmi.',
    'portal.home.services': 'Yang bisa Anda lakukan di sini',
    'portal.search.title': 'Pencarian',
    'portal.search.results': '{count} hasil untuk “{q}”',
    'portal.search.none': 'Tidak ada hasil untuk “{q}”. Coba kata lain, misalnya nama kelurahan atau dinas.',
    'portal.search.empty': 'Tulis kata yang ingin Anda cari, misalnya nama kelurahan atau dinas.',
    'portal.search.too_long': 'Kata pencarian terlalu panjang: paling banyak 200 karakter.',
  },
  en: {
    'portal.home.title': 'Home',
    'portal.home.lead': 'Public services of {region} in one place: apply for letters, report problems, and find official information.',
    'portal.home.services': 'What you can do here',
    'portal.search.title': 'Search',
    'portal.search.results': '{count} results for “{q}”',
    'portal.search.none': 'No results for “{q}”. Try another word, such as the name of a kelurahan or agency.',
    'portal.search.empty': 'Type what you are looking for, such as the name of a kelurahan or agency.',
    'portal.search.too_long': 'The search text is too long: at most 200 characters.',
  },
};
