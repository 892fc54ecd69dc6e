// Who signs issued PDFs. A DocumentSigner takes the finished, unsigned PDF and returns it signed; the
// PKCS#12 signer below does it in-process (a detached CMS SignedData, adbe.pkcs7.detached, over the
// file's byte ranges). A remote service — BSrE's signing API for Indonesian government e-signatures —
// plugs in behind the same interface with setDocumentSigner() (docs/documents.md).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { AppContext } from '../http/context.ts';

export interface SignerInfo {
  /** shown on /cek and stored per document: the certificate's subject, or the service's name */
  name: string;
  /** a development certificate: documents and /cek say "sertifikat pengembangan" */
  development: boolean;
}

export interface DocumentSigner extends SignerInfo {
  /** The unsigned PDF in, the signed PDF out (every byte covered by the signature: pdfsig reports
   *  "Total document signed"). `reason` and `at` go into the signature dictionary. */
  sign(pdf: Uint8Array, opts: { reason: string; at: Date }): Promise<Uint8Array>;
}

/** room for the CMS blob (certificate chain + signature), as hex in /Contents */
const CONTENTS_BYTES = 8192;
const BYTE_RANGE_PLACEHOLDER = '**********';
/** DER prefix of a PKCS#1 DigestInfo for SHA-256 (RFC 8017 §9.2 note 1) */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export class Pkcs12Signer implements DocumentSigner {
  readonly name: string;
  private readonly keyPem: string;
  constructor(
    private readonly key: forge.pki.rsa.PrivateKey,
    private readonly chain: forge.pki.Certificate[],
    readonly development: boolean,
  ) {
    const cert = chain[0];
    const cn = cert.subject.getField('CN') as { value?: unknown } | null;
    this.name = typeof cn?.value === 'string' ? cn.value : 'PKCS#12';
    this.keyPem = forge.pki.privateKeyToPem(key);
    this.nodeKey = crypto.createPrivateKey(this.keyPem);
  }
  private readonly nodeKey: crypto.KeyObject;

  async sign(pdf: Uint8Array, opts: { reason: string; at: Date }): Promise<Uint8Array> {
    const prepared = await addPlaceholder(pdf, this.name, opts);
    return embedSignature(prepared, (data) => this.cms(data, opts.at));
  }

  /** detached CMS SignedData, SHA-256, with contentType, messageDigest and signingTime signed */
  private cms(data: Buffer, at: Date): Buffer {
    const p7 = forge.pkcs7.createSignedData();
    for (const c of this.chain) p7.addCertificate(c);
    const digest = crypto.createHash('sha256').update(data).digest();
    const attrs = [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest, value: digest.toString('binary') },
      { type: forge.pki.oids.signingTime, value: at as unknown as string },
    ];
    // forge hashes the content itself; hand it a fake content and the real digest would differ, so
    // give it the real bytes (a letter is a few tens of KB)
    p7.content = forge.util.createBuffer(data.toString('binary'));
    // forge builds the CMS; the RSA operation itself runs in node's crypto (OpenSSL), ~20× faster
    const nodeKey = this.nodeKey;
    const key = { sign: (md: forge.md.MessageDigest) => {
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
      return crypto.privateEncrypt({ key: nodeKey, padding: crypto.constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    } } as unknown as forge.pki.rsa.PrivateKey;
    p7.addSigner({ key, certificate: this.chain[0], digestAlgorithm: forge.pki.oids.sha256, authenticatedAttributes: attrs });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }

  /** the private key as PEM (for tests that build a second signer from the same certificate) */
  get privateKeyPem(): string {
    return this.keyPem;
  }
}

/** Reads a PKCS#12 (.p12/.pfx) file: the first private key and its certificate chain. */
export function loadPkcs12Signer(bytes: Buffer, password: string, development = false): Pkcs12Signer {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), password);
  } catch (e) {
    throw new Error(`the PKCS#12 file cannot be read (wrong DOCUMENTS_P12_PASSWORD?): ${(e as Error).message}`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key;
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  if (!key || !certs.length) throw new Error('the PKCS#12 file holds no private key with a certificate');
  // the signing certificate first: the one whose public key matches the private key
  const pub = forge.pki.setRsaPublicKey((key).n, (key).e);
  const pem = forge.pki.publicKeyToPem(pub);
  certs.sort((a, b) => Number(forge.pki.publicKeyToPem(b.publicKey) === pem) - Number(forge.pki.publicKeyToPem(a.publicKey) === pem));
  return new Pkcs12Signer(key, certs, development);
}

export const DEV_P12_PASSWORD = 'gapura-development';

/** A self-signed certificate for development, made once into `<dataDir>/documents/development.p12`. */
export function developmentSigner(dataDir: string, regionName: string): Pkcs12Signer {
  const file = path.join(dataDir, 'documents', 'development.p12');
  if (fs.existsSync(file)) return loadPkcs12Signer(fs.readFileSync(file), DEV_P12_PASSWORD, true);
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${crypto.randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const subject = [
    { name: 'commonName', value: `Gapura ${regionName} (sertifikat pengembangan)` },
    { name: 'organizationName', value: 'Gapura development' },
    { name: 'countryName', value: 'ID' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], DEV_P12_PASSWORD, { algorithm: '3des' });
  const der = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, der, { mode: 0o600 });
  return new Pkcs12Signer(key, [cert], true);
}

const signers = new WeakMap<object, Promise<DocumentSigner>>();

/** The process's signer: set by setDocumentSigner, else the PKCS#12 file of DOCUMENTS_P12_PATH, else
 *  the development certificate (generated on first use, with a warning in the log). */
export function documentSigner(ctx: AppContext, regionName: string): Promise<DocumentSigner> {
  let s = signers.get(ctx.config);
  if (!s) {
    s = Promise.resolve().then(() => {
      const p12 = ctx.config.documents.p12Path;
      if (p12) {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(p12);
        } catch (e) {
          throw new Error(`DOCUMENTS_P12_PATH ${p12} cannot be read: ${(e as Error).message}`);
        }
        return loadPkcs12Signer(bytes, ctx.config.documents.p12Password);
      }
      ctx.log.warn('documents are signed with a development certificate: set DOCUMENTS_P12_PATH');
      return developmentSigner(ctx.config.dataDir, regionName);
    });
    s.catch(() => signers.delete(ctx.config));
    signers.set(ctx.config, s);
  }
  return s;
}

/** Plug in another signer (a remote signing service) for this process. */
export function setDocumentSigner(ctx: AppContext, signer: DocumentSigner): void {
  signers.set(ctx.config, Promise.resolve(signer));
}

/** Adds an invisible signature field whose /V holds /ByteRange and /Contents placeholders. */
async function addPlaceholder(pdf: Uint8Array, name: string, opts: { reason: string; at: Date }): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const sig = ctx.register(ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'adbe.pkcs7.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
    Reason: PDFString.of(opts.reason),
    Name: PDFString.of(name),
    M: PDFString.fromDate(opts.at),
  }));
  const page = doc.getPage(0);
  const widget = ctx.register(ctx.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: sig, T: PDFString.of('Tanda tangan'), F: 4, P: page.ref,
  }));
  page.node.addAnnot(widget);
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ SigFlags: 3, Fields: [widget] }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Fills the placeholders: the byte ranges around /Contents, then the CMS of those bytes in it. */
function embedSignature(pdf: Buffer, cms: (data: Buffer) => Buffer): Buffer {
  const brMarker = `/ByteRange [ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`;
  const brAt = pdf.indexOf(brMarker, 0, 'latin1');
  if (brAt < 0) throw new Error('signature placeholder /ByteRange not found');
  const contentsMarker = `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`;
  const cAt = pdf.indexOf(contentsMarker, 0, 'latin1');
  if (cAt < 0) throw new Error('signature placeholder /Contents not found');
  const start = cAt + '/Contents '.length; // at '<'
  const end = start + CONTENTS_BYTES * 2 + 2; // after '>'
  const ranges = [0, start, end, pdf.length - end];
  const br = `/ByteRange [ ${ranges.join(' ')} ]`.padEnd(brMarker.length, ' ');
  if (br.length > brMarker.length) throw new Error('byte range does not fit its placeholder');
  pdf.write(br, brAt, 'latin1');
  const signed = Buffer.concat([pdf.subarray(0, start), pdf.subarray(end)]);
  const der = cms(signed);
  if (der.length > CONTENTS_BYTES) throw new Error(`signature of ${der.length} bytes does not fit /Contents (${CONTENTS_BYTES})`);
  pdf.write(der.toString('hex').padEnd(CONTENTS_BYTES * 2, '0'), start + 1, 'latin1');
  return pdf;
}
