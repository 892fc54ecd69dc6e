// What people read when an upload is refused: Indonesian first, English second. Part of the
// platform dictionary (i18n/platform.ts).
export const filesLocales = {
  id: {
    'files.error.too_large': '{name} terlalu besar: paling besar {max}.',
    'files.error.too_many': 'Paling banyak {max} file dalam satu kiriman.',
    'files.error.type': '{name} tidak dapat diterima: isinya {found}. Yang diterima: {accepted}.',
    'files.error.mismatch': 'Nama {name} berakhiran .{ext}, tetapi isinya {found}. Kirim file aslinya, bukan file yang diganti namanya.',
    'files.error.damaged': '{name} rusak atau tidak lengkap sehingga tidak dapat dibaca. Coba kirim ulang file aslinya.',
    'files.error.empty': '{name} kosong.',
    'files.found.unknown': 'berjenis yang tidak dikenali',
    'files.accept.image': 'foto atau gambar (JPEG, PNG, WebP)',
    'files.accept.pdf': 'dokumen PDF',
    'files.accept.or': 'atau',
  },
  en: {
    'files.error.too_large': '{name} is too large: at most {max}.',
    'files.error.too_many': 'At most {max} files in one upload.',
    'files.error.type': '{name} cannot be accepted: it is {found}. Accepted: {accepted}.',
    'files.error.mismatch': 'The name {name} ends in .{ext}, but the file is {found}. Send the original file, not a renamed one.',
    'files.error.damaged': '{name} is damaged or incomplete and cannot be read. Try sending the original file again.',
    'files.error.empty': '{name} is empty.',
    'files.found.unknown': 'of an unknown type',
    'files.accept.image': 'photos or images (JPEG, PNG, WebP)',
    'files.accept.pdf': 'PDF documents',
    'files.accept.or': 'or',
  },
};
