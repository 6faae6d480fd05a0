import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate as generateCertificate } from 'selfsigned';

/** A self-signed certificate for 127.0.0.1 and localhost, written to a folder of its own. */
export interface LoopbackCertificate {
  readonly cert: string;
  readonly key: string;
  /** The PEM files: `certFile` is also what a child process trusts through `NODE_EXTRA_CA_CERTS`. */
  readonly certFile: string;
  readonly keyFile: string;
  readonly dir: string;
  /** Deletes the folder. */
  remove(): void;
}

/** Makes a certificate that serves https on loopback and is its own certificate authority. */
export async function loopbackCertificate(): Promise<LoopbackCertificate> {
  const certificate = await generateCertificate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-tls-'));
  const certFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'key.pem');
  fs.writeFileSync(certFile, certificate.cert);
  fs.writeFileSync(keyFile, certificate.private, { mode: 0o600 });
  return { cert: certificate.cert, key: certificate.private, certFile, keyFile, dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
