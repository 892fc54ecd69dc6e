// The otpauth URI as a QR code (SVG, rendered on the server: no script, CSP-safe). Uses the
// `qrcode` package when it is installed (the documents module brings it for letter QR codes);
// without it the enrolment page still shows the secret as text and as a link, which is enough.
type QrLib = { toString(text: string, opts: { type: 'svg'; margin?: number; errorCorrectionLevel?: string }): Promise<string> };

let lib: Promise<QrLib | null> | undefined;

export async function qrSvg(text: string): Promise<string | undefined> {
  const name = 'qrcode'; // not a static import: the package is optional
  lib ??= import(name).then((m: { default?: unknown }) => (m.default ?? m) as QrLib).catch(() => null);
  const qr = await lib;
  if (!qr) return undefined;
  const svg = await qr.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  // decorative for screen readers: the same secret is given as text right below
  return svg.replace('<svg ', '<svg role="img" aria-hidden="true" width="200" height="200" ');
}
