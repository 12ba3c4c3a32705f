import { describe, expect, it } from "vitest";
import { analyzeSource } from "../../../src/agents/code-security/analyze.js";
import { codeSecurity } from "../../../src/agents/code-security/auditor.js";
import type { SourceLanguage } from "../../../src/agents/code-security/parser.js";
import { redactSecrets } from "../../../src/agents/code-security/redact.js";
import { redactTextSecrets, textSecretFindings } from "../../../src/agents/code-security/text-secrets.js";
import { auditInputOf, auditorContract } from "../auditor-contract.js";

auditorContract("codeSecurity", () => codeSecurity());

async function rules(code: string, language: SourceLanguage = "javascript") {
  return (await analyzeSource(code, language)).map((f) => `${f.ruleId}@${f.line}:${f.severity}`);
}

function setupAudit(content: unknown) {
  const input = auditInputOf(content);
  return codeSecurity().audit(input, { signal: new AbortController().signal });
}

describe("codeSecurity data flow", () => {
  it("flags exec of a string built from input and not exec of a constant", async () => {
    expect(await rules('const { exec } = require("child_process");\nexec("ls " + userInput);')).toEqual([
      "code.cwe-78@2:critical",
    ]);
    expect(await rules('const { exec } = require("child_process");\nexec("ls");')).toEqual([]);
  });

  it("does not take a local exec() helper for child_process, nor a test key for a secret", async () => {
    expect(await rules('function exec(db, sql) {}\nexec(db, "UPDATE t SET a = " + n);')).toEqual([]);
    expect(await rules('const client = makeClient({ apiKey: "test-key" });')).toEqual([]);
  });

  it("follows request data through variables to the sink within a function", async () => {
    const code = [
      "app.get('/x', (req, res) => {",
      "  const name = req.query.name;",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
      "  const cmd = `cat ${name}`;",
      "  child_process.exec(cmd);",
      "});",
    ].join("\n");
    expect(await rules(code)).toEqual(["code.cwe-78@4:critical"]);
  });

  it("treats sanitised values as constant", async () => {
    expect(
      await rules("def f():\n    n = int(request.args['n'])\n    os.system('sleep %d' % n)\n", "python"),
    ).toEqual([]);
  });

  it("flags Python shell=True with a formatted command and not an argument list", async () => {
    expect(await rules("subprocess.run('unzip {}'.format(name), shell=True)", "python")).toEqual([
      "code.cwe-78@1:high",
    ]);
    expect(await rules("subprocess.run(['unzip', name])", "python")).toEqual([]);
  });

  it("flags SQL built by formatting and not parameterised SQL", async () => {
    expect(await rules('cursor.execute("SELECT * FROM t WHERE id = %s" % uid)', "python")).toEqual([
      "code.cwe-89@1:high",
    ]);
    expect(await rules('cursor.execute("SELECT * FROM t WHERE id = %s", (uid,))', "python")).toEqual([]);
  });

  it("analyses a window cut inside a function, with brackets left open and a stray closer", async () => {
    const window = [
      "  });",
      "  var name = 'pkg-' + version;",
      "  child_process.exec('tar czf ' + name, function (err) {",
      "    if (err) {",
      "      log(err);",
    ].join("\n");
    expect(await rules(window)).toEqual(["code.cwe-78@3:high"]);
  });

  it("re-parses after a statement that opens an unterminated string", async () => {
    const window = [
      'send "reload"',
      "'''.format(ip=ip))",
      "",
      "rc = subprocess.call(sh_file, shell=True)",
    ].join("\n");
    expect(await rules(window, "python")).toEqual(["code.cwe-78@4:medium"]);
  });

  it("treats a value appended to before its first assignment as dynamic", async () => {
    expect(await rules("code += 'return s;';\nconst f = new Function('s', code);")).toEqual([
      "code.cwe-94@2:medium",
    ]);
  });

  it("analyses fragments that do not parse as a whole program", async () => {
    const fragment =
      "        else:\n            data = pickle.loads(blob)\n        return data\n    def other(self):\n";
    expect(await rules(fragment, "python")).toEqual(["code.cwe-502@2:medium"]);
  });
});

describe("codeSecurity rules", () => {
  it.each([
    ["eval(expr)", "javascript", "code.cwe-95@1:medium"],
    ["el.innerHTML = location.hash;", "javascript", "code.cwe-79@1:high"],
    ["win.postMessage(data, '*');", "javascript", "code.cwe-345@1:medium"],
    ["https.request({ host, rejectUnauthorized: false });", "javascript", "code.cwe-295@1:high"],
    ["const re = /^(a+)+$/;", "javascript", "code.cwe-1333@1:medium"],
    ["if (req.body.password === user.password) {}", "javascript", "code.cwe-208@1:medium"],
    ["const token = Math.random().toString(36);", "javascript", "code.cwe-338@1:high"],
    ["const h = crypto.createHash('md5');", "typescript", "code.cwe-328@1:low"],
    ["requests.get(url, verify=False)", "python", "code.cwe-295@1:high"],
    ["r = requests.get(request.args['url'])", "python", "code.cwe-918@1:high"],
    ["data = yaml.load(f)", "python", "code.cwe-502@1:medium"],
    ["password = 'hunter2'", "python", "code.cwe-798@1:medium"],
    [
      "for (const k in src) { if (typeof src[k] === 'object') merge(dst[k], src[k]); else dst[k][x] = src[k]; }",
      "javascript",
      "code.cwe-1321@1:medium",
    ],
  ] as const)("%s (%s) -> %s", async (code, language, expected) => {
    expect(await rules(code, language)).toContain(expected);
  });

  it("does not flag safe twins", async () => {
    expect(
      await rules(
        "const re = /^a+$/;\nel.textContent = location.hash;\nwin.postMessage(data, 'https://example.com');",
      ),
    ).toEqual([]);
    expect(
      await rules("data = yaml.safe_load(f)\nh = hashlib.sha256(b)\npassword = os.environ['PW']", "python"),
    ).toEqual([]);
  });

  it("never shows a secret in clear", async () => {
    const key = "AKIAIOSFODNN7EXAMPLF";
    const findings = await analyzeSource(`const awsKey = "${key}";`, "javascript");
    expect(findings.map((f) => f.severity)).toContain("critical");
    expect(JSON.stringify(findings)).not.toContain(key);
  });
});

describe("codeSecurity auditor", () => {
  it("fails a diff whose added line is vulnerable and reports the new-file line", async () => {
    const diff =
      "--- a/app.py\n+++ b/app.py\n@@ -10,2 +10,3 @@\n def run(cmd):\n+    os.system(cmd + ' -v')\n     return 0\n";
    const verdict = await setupAudit({ diff });
    expect(verdict.decision).toBe("fail");
    expect(verdict.findings?.map((f) => [f.ruleId, f.location?.file, f.location?.line])).toEqual([
      ["code.cwe-78", "app.py", 11],
    ]);
  });

  it("ignores findings on context lines a diff did not change", async () => {
    const diff = "--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,3 @@\n os.system(cmd + ' -v')\n+x = 1\n y = 2\n";
    expect((await setupAudit({ diff })).decision).toBe("pass");
  });

  it("abstains when there is no code it can read", async () => {
    expect((await setupAudit({ files: [{ path: "logo.png", content: "\u0000PNG" }] })).decision).toBe(
      "abstain",
    );
  });
});

describe("secrets in files that are not code", () => {
  it("finds known key formats anywhere and secret-named values in config files, not examples in prose", async () => {
    const env =
      "DEBUG=1\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF\nDB_PASSWORD=s3cr3t-Pa55\nAPI_KEY=changeme\n";
    expect(textSecretFindings(env, ".env").map((f) => `${f.line}:${f.severity}`)).toEqual([
      "2:critical",
      "3:medium",
    ]);
    expect(textSecretFindings("Set `password: hunter2` in the config.\n", "README.md")).toEqual([]);
  });

  it("redacts them so that the redacted text still reports them and holds no secret", () => {
    const env = "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF\nDB_PASSWORD=s3cr3t-Pa55\n";
    const redacted = redactTextSecrets(env, ".env");
    expect(redacted).not.toMatch(/AKIAIOSFODNN7EXAMPLF|s3cr3t-Pa55/);
    expect(textSecretFindings(redacted, ".env").map((f) => `${f.line}:${f.severity}`)).toEqual([
      "1:critical",
      "2:medium",
    ]);
  });
});

describe("redactSecrets", () => {
  it("replaces secret literals by markers that the rules still report, at the same place", async () => {
    const key = "AKIAIOSFODNN7EXAMPLF";
    const code = `def f():\n    aws = "${key}"\n    password = 'hunter2'\n    return 1\n`;
    const redacted = await redactSecrets(code, "python");
    expect(redacted.code).not.toContain(key);
    expect(redacted.code).not.toContain("hunter2");
    expect(await rules(redacted.code, "python")).toEqual([
      "code.cwe-798@2:critical",
      "code.cwe-798@3:medium",
    ]);
  });
});
