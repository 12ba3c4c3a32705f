import { execFileSync } from "node:child_process";
import fs, { existsSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers/temp.js";

/**
 * Test certificates made with Debian's openssl. Where it is missing the TLS tests skip with
 * OPENSSL_MISSING; in CI (CI=true) they run and fail instead.
 */
export const OPENSSL = "/usr/bin/openssl";
export const OPENSSL_MISSING = `install openssl: apt-get install -y openssl (no ${OPENSSL})`;
export const runTlsTests = existsSync(OPENSSL) || process.env["CI"] === "true";

export interface TestCerts {
  dir: string;
  /** File paths. */
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A second CA that signed nothing the server uses. */
  otherCa: string;
  /** A client certificate signed by the other CA. */
  strangerCert: string;
  strangerKey: string;
  read(file: string): string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync(OPENSSL, args, { cwd: dir, stdio: "pipe" });
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    "req",
    "-x509",
    ...EC,
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-subj",
    `/CN=${name}`,
  ]);
}

function makeLeaf(dir: string, name: string, ca: string, ext: string): void {
  openssl(dir, ["req", ...EC, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`]);
  fs.writeFileSync(path.join(dir, `${name}.ext`), `${ext}\n`);
  openssl(dir, [
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    `${ca}.pem`,
    "-CAkey",
    `${ca}.key`,
    "-CAcreateserial",
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-extfile",
    `${name}.ext`,
  ]);
}

/** A CA, a server certificate for localhost/127.0.0.1, a client certificate, and a stranger CA. */
export function makeTestCerts(): TestCerts {
  if (!existsSync(OPENSSL)) throw new Error(OPENSSL_MISSING);
  const dir = tempDir("crosscheck-mcp-tls-");
  makeCa(dir, "ca");
  makeCa(dir, "other-ca");
  makeLeaf(dir, "server", "ca", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth");
  makeLeaf(dir, "client", "ca", "extendedKeyUsage=clientAuth");
  makeLeaf(dir, "stranger", "other-ca", "extendedKeyUsage=clientAuth");
  const at = (file: string) => path.join(dir, file);
  return {
    dir,
    ca: at("ca.pem"),
    serverCert: at("server.pem"),
    serverKey: at("server.key"),
    clientCert: at("client.pem"),
    clientKey: at("client.key"),
    otherCa: at("other-ca.pem"),
    strangerCert: at("stranger.pem"),
    strangerKey: at("stranger.key"),
    read: (file) => fs.readFileSync(file, "utf8"),
  };
}
