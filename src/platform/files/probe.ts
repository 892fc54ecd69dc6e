// The marker of an authorized file route. parseUpload and serveFile authorize before they read or
// send a byte and report every call here; saveFiles stores only what parseUpload produced. A test
// (the access matrix) can listen and check that every request that stored or served a file went
// through an authorization, and that no refused actor ever got one. Production never listens.
export interface FilesProbeEvent {
  op: 'upload' | 'serve' | 'store';
  method: string;
  path: string;
  action: string;
  /** what authorize decided (always true for 'store': saveFiles only takes authorized uploads) */
  allowed: boolean;
  module: string;
  kind?: string;
}

export const filesProbe: { listener?: (e: FilesProbeEvent) => void } = {};

export function report(e: FilesProbeEvent): void {
  filesProbe.listener?.(e);
}
