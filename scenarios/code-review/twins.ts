// Vulnerable and safe twins for each CWE family, in JavaScript, TypeScript and Python.
// `rule` must be reported on the vulnerable twin and must not be on the safe one.

export interface Twin {
  readonly family: string;
  readonly rule: string;
  readonly file: string;
  readonly vulnerable: string;
  readonly safe: string;
}

export const TWINS: readonly Twin[] = [
  // CWE-78 command injection
  {
    family: "command injection",
    rule: "code.cwe-78",
    file: "run.js",
    vulnerable:
      'const cp = require("child_process");\napp.get("/ls", (req, res) => {\n  cp.exec("ls " + req.query.dir, (e, out) => res.send(out));\n});\n',
    safe: 'const cp = require("child_process");\napp.get("/ls", (req, res) => {\n  cp.execFile("ls", [req.query.dir], (e, out) => res.send(out));\n});\n',
  },
  {
    family: "command injection",
    rule: "code.cwe-78",
    file: "run.ts",
    vulnerable:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under review
      'import { execSync } from "node:child_process";\nexport function archive(name: string): void {\n  execSync(`tar czf out.tgz ${name}`);\n}\n',
    safe: 'import { execFileSync } from "node:child_process";\nexport function archive(name: string): void {\n  execFileSync("tar", ["czf", "out.tgz", name]);\n}\n',
  },
  {
    family: "command injection",
    rule: "code.cwe-78",
    file: "run.py",
    vulnerable:
      "import os\nfrom flask import request\n\ndef ping():\n    host = request.args.get('host')\n    os.system('ping -c 1 ' + host)\n",
    safe: "import subprocess\nfrom flask import request\n\ndef ping():\n    host = request.args.get('host')\n    subprocess.run(['ping', '-c', '1', host], check=True)\n",
  },
  // CWE-94/95 code injection
  {
    family: "code injection",
    rule: "code.cwe-95",
    file: "calc.js",
    vulnerable: 'app.post("/calc", (req, res) => {\n  res.json({ value: eval(req.body.expr) });\n});\n',
    safe: 'app.post("/calc", (req, res) => {\n  res.json({ value: JSON.parse(req.body.expr) });\n});\n',
  },
  {
    family: "code injection",
    rule: "code.cwe-94",
    file: "plugin.ts",
    vulnerable:
      "export function load(source: string) {\n  const body = process.env.PLUGIN_CODE ?? source;\n  return new Function(body);\n}\n",
    safe: "const plugins = { upper: (s: string) => s.toUpperCase() };\nexport function load(name: keyof typeof plugins) {\n  return plugins[name];\n}\n",
  },
  {
    family: "code injection",
    rule: "code.cwe-95",
    file: "calc.py",
    vulnerable: "import sys\n\ndef main():\n    expr = sys.argv[1]\n    print(eval(expr))\n",
    safe: "import ast\nimport sys\n\ndef main():\n    expr = sys.argv[1]\n    print(ast.literal_eval(expr))\n",
  },
  // CWE-89 SQL injection
  {
    family: "SQL injection",
    rule: "code.cwe-89",
    file: "users.js",
    vulnerable:
      'app.get("/u", (req, res) => {\n  db.query("SELECT * FROM users WHERE id = " + req.query.id, (e, rows) => res.json(rows));\n});\n',
    safe: 'app.get("/u", (req, res) => {\n  db.query("SELECT * FROM users WHERE id = ?", [req.query.id], (e, rows) => res.json(rows));\n});\n',
  },
  {
    family: "SQL injection",
    rule: "code.cwe-89",
    file: "users.ts",
    vulnerable:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under review
      "export async function byName(pool: Pool, name: string) {\n  return pool.query(`SELECT * FROM users WHERE name = '${name}'`);\n}\n",
    safe: 'export async function byName(pool: Pool, name: string) {\n  return pool.query("SELECT * FROM users WHERE name = $1", [name]);\n}\n',
  },
  {
    family: "SQL injection",
    rule: "code.cwe-89",
    file: "users.py",
    vulnerable:
      "def find(cursor, name):\n    cursor.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n    return cursor.fetchall()\n",
    safe: 'def find(cursor, name):\n    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))\n    return cursor.fetchall()\n',
  },
  // CWE-22 path traversal
  {
    family: "path traversal",
    rule: "code.cwe-22",
    file: "files.js",
    vulnerable:
      'const fs = require("fs");\napp.get("/f", (req, res) => {\n  res.send(fs.readFileSync("uploads/" + req.query.name));\n});\n',
    safe: 'const fs = require("fs");\nconst path = require("path");\napp.get("/f", (req, res) => {\n  res.send(fs.readFileSync(path.join("uploads", path.basename(req.query.name))));\n});\n',
  },
  {
    family: "path traversal",
    rule: "code.cwe-22",
    file: "files.ts",
    vulnerable:
      'import fs from "node:fs";\nexport function handler(req: Request) {\n  return fs.readFileSync(req.params.file);\n}\n',
    safe: 'import fs from "node:fs";\nimport path from "node:path";\nexport function handler(req: Request) {\n  return fs.readFileSync(path.basename(req.params.file));\n}\n',
  },
  {
    family: "path traversal",
    rule: "code.cwe-22",
    file: "files.py",
    vulnerable:
      "from flask import request, send_file\n\ndef download():\n    return send_file(request.args['path'])\n",
    safe: "from flask import request, send_file\nfrom werkzeug.utils import secure_filename\n\ndef download():\n    return send_file(secure_filename(request.args['path']))\n",
  },
  // CWE-502 insecure deserialization
  {
    family: "insecure deserialization",
    rule: "code.cwe-502",
    file: "session.py",
    vulnerable:
      "import pickle\nfrom flask import request\n\ndef load():\n    return pickle.loads(request.data)\n",
    safe: "import json\nfrom flask import request\n\ndef load():\n    return json.loads(request.data)\n",
  },
  {
    family: "insecure deserialization",
    rule: "code.cwe-502",
    file: "config.py",
    vulnerable: "import yaml\n\ndef read(path):\n    with open(path) as f:\n        return yaml.load(f)\n",
    safe: "import yaml\n\ndef read(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\n",
  },
  {
    family: "insecure deserialization",
    rule: "code.cwe-502",
    file: "state.js",
    vulnerable:
      'const serialize = require("node-serialize");\napp.post("/s", (req, res) => {\n  res.json(serialize.unserialize(req.cookies.state));\n});\n',
    safe: 'app.post("/s", (req, res) => {\n  res.json(JSON.parse(req.cookies.state));\n});\n',
  },
  // CWE-327/328 weak crypto
  {
    family: "weak hashing",
    rule: "code.cwe-328",
    file: "auth.js",
    vulnerable:
      'const crypto = require("crypto");\nfunction hashPassword(password) {\n  const passwordHash = crypto.createHash("md5").update(password).digest("hex");\n  return passwordHash;\n}\n',
    safe: 'const crypto = require("crypto");\nfunction hashPassword(password) {\n  const passwordHash = crypto.createHash("sha256").update(password).digest("hex");\n  return passwordHash;\n}\n',
  },
  {
    family: "weak hashing",
    rule: "code.cwe-328",
    file: "auth.py",
    vulnerable:
      "import hashlib\n\ndef store(password):\n    password_hash = hashlib.md5(password.encode()).hexdigest()\n    return password_hash\n",
    safe: "import hashlib\n\ndef store(password, salt):\n    password_hash = hashlib.scrypt(password.encode(), salt=salt, n=16384, r=8, p=1)\n    return password_hash\n",
  },
  {
    family: "weak cipher",
    rule: "code.cwe-327",
    file: "box.ts",
    vulnerable:
      'import crypto from "node:crypto";\nexport function seal(key: Buffer, data: Buffer) {\n  const cipher = crypto.createCipheriv("des-ecb", key, null);\n  return Buffer.concat([cipher.update(data), cipher.final()]);\n}\n',
    safe: 'import crypto from "node:crypto";\nexport function seal(key: Buffer, iv: Buffer, data: Buffer) {\n  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);\n  return Buffer.concat([cipher.update(data), cipher.final()]);\n}\n',
  },
  // CWE-338 weak randomness
  {
    family: "weak randomness",
    rule: "code.cwe-338",
    file: "token.js",
    vulnerable:
      "function newSession() {\n  const sessionToken = Math.random().toString(36).slice(2);\n  return sessionToken;\n}\n",
    safe: 'const crypto = require("crypto");\nfunction newSession() {\n  const sessionToken = crypto.randomBytes(32).toString("hex");\n  return sessionToken;\n}\n',
  },
  {
    family: "weak randomness",
    rule: "code.cwe-338",
    file: "token.ts",
    vulnerable:
      "export function resetCode(): string {\n  const resetToken = String(Math.floor(Math.random() * 1e6));\n  return resetToken;\n}\n",
    safe: "export function resetCode(): string {\n  const resetToken = crypto.randomUUID();\n  return resetToken;\n}\n",
  },
  {
    family: "weak randomness",
    rule: "code.cwe-338",
    file: "token.py",
    vulnerable:
      "import random\nimport string\n\ndef make_token():\n    token = ''.join(random.choice(string.ascii_letters) for _ in range(32))\n    return token\n",
    safe: "import secrets\n\ndef make_token():\n    token = secrets.token_urlsafe(32)\n    return token\n",
  },
  // CWE-295 disabled TLS verification
  {
    family: "TLS verification",
    rule: "code.cwe-295",
    file: "client.js",
    vulnerable:
      'const https = require("https");\nconst agent = new https.Agent({ rejectUnauthorized: false });\n',
    safe: 'const https = require("https");\nconst agent = new https.Agent({ ca: fs.readFileSync("ca.pem") });\n',
  },
  {
    family: "TLS verification",
    rule: "code.cwe-295",
    file: "client.ts",
    vulnerable: 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";\nexport const client = makeClient();\n',
    safe: 'process.env.NODE_EXTRA_CA_CERTS = "ca.pem";\nexport const client = makeClient();\n',
  },
  {
    family: "TLS verification",
    rule: "code.cwe-295",
    file: "client.py",
    vulnerable: "import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False).text\n",
    safe: "import requests\n\ndef fetch(url):\n    return requests.get(url, verify='ca.pem').text\n",
  },
  // CWE-918 SSRF
  {
    family: "SSRF",
    rule: "code.cwe-918",
    file: "proxy.js",
    vulnerable:
      'app.get("/p", async (req, res) => {\n  const r = await fetch(req.query.url);\n  res.send(await r.text());\n});\n',
    safe: 'const ALLOWED = new Map([["docs", "https://docs.example.com/"]]);\napp.get("/p", async (req, res) => {\n  const r = await fetch(ALLOWED.get("docs"));\n  res.send(await r.text());\n});\n',
  },
  {
    family: "SSRF",
    rule: "code.cwe-918",
    file: "proxy.ts",
    vulnerable:
      'import axios from "axios";\nexport async function preview(req: Request) {\n  const target = req.body.url;\n  return axios.get(target);\n}\n',
    safe: 'import axios from "axios";\nexport async function preview() {\n  return axios.get("https://api.example.com/preview");\n}\n',
  },
  {
    family: "SSRF",
    rule: "code.cwe-918",
    file: "proxy.py",
    vulnerable:
      "import requests\nfrom flask import request\n\ndef proxy():\n    return requests.get(request.args['url']).text\n",
    safe: "import requests\n\ndef proxy():\n    return requests.get('https://api.example.com/status').text\n",
  },
  // CWE-79 XSS
  {
    family: "XSS",
    rule: "code.cwe-79",
    file: "view.js",
    vulnerable:
      "function show() {\n  document.getElementById('out').innerHTML = location.hash.slice(1);\n}\n",
    safe: "function show() {\n  document.getElementById('out').textContent = location.hash.slice(1);\n}\n",
  },
  {
    family: "XSS",
    rule: "code.cwe-79",
    file: "View.tsx",
    vulnerable:
      "export function Bio(props: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: props.html }} />;\n}\n",
    safe: "export function Bio(props: { html: string }) {\n  return <div>{props.html}</div>;\n}\n",
  },
  {
    family: "XSS",
    rule: "code.cwe-79",
    file: "view.py",
    vulnerable:
      "from markupsafe import Markup\nfrom flask import request\n\ndef greet():\n    return Markup('<b>' + request.args['name'] + '</b>')\n",
    safe: "from markupsafe import escape\nfrom flask import request\n\ndef greet():\n    return '<b>' + escape(request.args['name']) + '</b>'\n",
  },
  // CWE-1333 ReDoS
  {
    family: "ReDoS",
    rule: "code.cwe-1333",
    file: "match.js",
    vulnerable: "const EMAIL = /^([a-zA-Z0-9]+)*@example\\.com$/;\nmodule.exports = (s) => EMAIL.test(s);\n",
    safe: "const EMAIL = /^[a-zA-Z0-9]+@example\\.com$/;\nmodule.exports = (s) => EMAIL.test(s);\n",
  },
  {
    family: "ReDoS",
    rule: "code.cwe-1333",
    file: "match.ts",
    vulnerable:
      "export function find(req: Request, text: string) {\n  return new RegExp(req.query.pattern).test(text);\n}\n",
    safe: "export function find(req: Request, text: string) {\n  return text.includes(String(req.query.pattern));\n}\n",
  },
  {
    family: "ReDoS",
    rule: "code.cwe-1333",
    file: "match.py",
    vulnerable: "import re\n\nWORDS = re.compile(r'^(\\w+\\s?)*$')\n",
    safe: "import re\n\nWORDS = re.compile(r'^[\\w\\s]*$')\n",
  },
  // CWE-1321 prototype pollution
  {
    family: "prototype pollution",
    rule: "code.cwe-1321",
    file: "merge.js",
    vulnerable:
      "function merge(target, source) {\n  for (const key in source) {\n    if (typeof source[key] === 'object') merge(target[key], source[key]);\n    else target[key][key] = source[key];\n  }\n}\n",
    safe: "function merge(target, source) {\n  for (const key in source) {\n    if (key === '__proto__' || key === 'constructor') continue;\n    if (typeof source[key] === 'object') merge(target[key], source[key]);\n    else target[key][key] = source[key];\n  }\n}\n",
  },
  {
    family: "prototype pollution",
    rule: "code.cwe-1321",
    file: "merge.ts",
    vulnerable:
      "export function setPath(req: Request, obj: any) {\n  const { a, b } = req.body;\n  obj[req.body.a][req.body.b] = req.body.value;\n}\n",
    safe: "export function setPath(req: Request, obj: Map<string, Map<string, unknown>>) {\n  obj.get(String(req.body.a))?.set(String(req.body.b), req.body.value);\n}\n",
  },
  // CWE-208 timing-unsafe comparison
  {
    family: "timing attack",
    rule: "code.cwe-208",
    file: "hook.js",
    vulnerable:
      "function verify(req) {\n  const signature = req.headers['x-signature'];\n  return signature === expectedSignature(req.body);\n}\n",
    safe: "const crypto = require('crypto');\nfunction verify(req) {\n  const signature = Buffer.from(req.headers['x-signature']);\n  return crypto.timingSafeEqual(signature, expectedSignature(req.body));\n}\n",
  },
  {
    family: "timing attack",
    rule: "code.cwe-208",
    file: "hook.py",
    vulnerable:
      "def check(request, secret):\n    signature = request.headers['X-Signature']\n    return signature == sign(secret, request.data)\n",
    safe: "import hmac\n\ndef check(request, secret):\n    signature = request.headers['X-Signature']\n    return hmac.compare_digest(signature, sign(secret, request.data))\n",
  },
  // CWE-345 postMessage to any origin
  {
    family: "postMessage origin",
    rule: "code.cwe-345",
    file: "embed.js",
    vulnerable: "function share(frame, session) {\n  frame.contentWindow.postMessage({ session }, '*');\n}\n",
    safe: "function share(frame, session) {\n  frame.contentWindow.postMessage({ session }, 'https://app.example.com');\n}\n",
  },
  {
    family: "postMessage origin",
    rule: "code.cwe-345",
    file: "embed.ts",
    vulnerable:
      'export function share(win: Window, token: string) {\n  win.postMessage({ token }, "*");\n}\n',
    safe: 'export function share(win: Window, token: string) {\n  win.postMessage({ token }, "https://app.example.com");\n}\n',
  },
];
