// platform/files: uploads a module accepts (declared as `files` in its manifest), stored outside the
// web root, served only through the module's own authorized routes. See ADR 016.
export { parseUpload, UploadError, type Upload, type ParsedUpload, type UploadOptions } from './upload.ts';
export { saveFiles, findFile, deleteFiles, removeObjects, type StoredFile } from './service.ts';
export { serveFile, type ServeOptions } from './serve.ts';
export { fileStore, LocalStore, S3Store, type FileStore } from './store.ts';
export { filesProbe, type FilesProbeEvent } from './probe.ts';
export type { FileRow } from './schema.ts';
