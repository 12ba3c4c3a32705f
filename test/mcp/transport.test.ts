import { afterEach, describe, expect, it } from "vitest";
import { approveTools } from "../../src/mcp/approve.js";
import type { McpGatewayConfig } from "../../src/mcp/config.js";
import { McpGateway } from "../../src/mcp/gateway.js";
import { type HttpFixture, type HttpFixtureOptions, startHttpFixture } from "../fixtures/mcp/http-server.js";
import { makeTestCerts, OPENSSL_MISSING, runTlsTests, type TestCerts } from "./certs.js";
import { setupConfig } from "./setup.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function serve(options: HttpFixtureOptions = {}): Promise<HttpFixture> {
  const fixture = await startHttpFixture(options);
  cleanup.push(() => fixture.close());
  return fixture;
}

async function open(config: McpGatewayConfig, env: NodeJS.ProcessEnv = {}) {
  const paths = setupConfig(config);
  const gateway = await McpGateway.open({ config: paths.configFile, env });
  cleanup.push(() => gateway.close());
  return { gateway, ...paths };
}

const TOOLS = ["echo", "add", "weather"];

describe("McpGateway over streamable HTTP", () => {
  it("calls a loopback http server with the bearer token from the named environment variable", async () => {
    const server = await serve({ bearer: "s3cret" });
    const { gateway } = await open(
      {
        servers: { web: { url: server.url, tools: TOOLS, auth: { type: "bearer", tokenEnv: "WEB_TOKEN" } } },
      },
      { WEB_TOKEN: "s3cret" },
    );
    approveTools(gateway);
    await gateway.refresh();
    expect((await gateway.call("web", "add", { a: 20, b: 22 })).text).toBe("42");
    expect(new Set(server.authorizations)).toEqual(new Set(["Bearer s3cret"]));
  });

  it("refuses to start when the bearer token's environment variable is not set", async () => {
    const server = await serve({ bearer: "s3cret" });
    await expect(
      open({
        servers: { web: { url: server.url, tools: TOOLS, auth: { type: "bearer", tokenEnv: "WEB_TOKEN" } } },
      }),
    ).rejects.toMatchObject({
      code: "MCP_CONFIG_INVALID",
      message:
        "servers.web.auth.tokenEnv: environment variable WEB_TOKEN is not set; export the bearer token in it",
    });
    expect(server.authorizations).toEqual([]);
  });

  it("rejects a bearer token written into the config file", async () => {
    await expect(
      open({
        servers: {
          web: { url: "https://mcp.example.com/mcp", tools: [], auth: { type: "bearer", token: "s3cret" } },
        },
      } as unknown as McpGatewayConfig),
    ).rejects.toMatchObject({ code: "MCP_CONFIG_INVALID", message: expect.stringContaining("token") });
  });

  it("refuses a plain-http URL on a non-loopback host before connecting", async () => {
    await expect(
      open({ servers: { remote: { url: "http://mcp.example.com/mcp", tools: [] } } }),
    ).rejects.toMatchObject({
      code: "MCP_INSECURE_TRANSPORT",
      message:
        "servers.remote.url: plain http is allowed only on loopback (127.0.0.1, ::1, localhost), not mcp.example.com; use https://mcp.example.com/mcp",
    });
  });

  it("blocks a tool whose description changed between sessions (rug pull) until it is re-approved", async () => {
    const server = await serve();
    const config = { servers: { web: { url: server.url, tools: TOOLS } } };
    const first = await open(config);
    approveTools(first.gateway);
    server.setVariant("rugpull");
    const paths = first;
    const second = await McpGateway.open({ config: paths.configFile });
    cleanup.push(() => second.close());
    expect(second.states().find((s) => s.tool === "echo")?.state).toBe("changed");
    await expect(second.call("web", "echo", { text: "hi" })).rejects.toMatchObject({
      code: "MCP_TOOL_BLOCKED",
    });
    approveTools(second, { tool: "echo", force: true });
    await second.refresh();
    expect((await second.call("web", "echo", { text: "hi" })).text).toBe("hi");
  });

  it("flags a poisoned result over HTTP", async () => {
    const server = await serve();
    const { gateway } = await open({ servers: { web: { url: server.url, tools: TOOLS } } });
    approveTools(gateway);
    await gateway.refresh();
    expect((await gateway.call("web", "weather", { city: "Oslo" })).flagged).toBe(true);
  });

  it("ends its session on a stateful server when it closes", async () => {
    const server = await serve({ stateful: true });
    const { gateway } = await open({ servers: { web: { url: server.url, tools: TOOLS } } });
    approveTools(gateway);
    await gateway.refresh();
    expect((await gateway.call("web", "add", { a: 1, b: 2 })).text).toBe("3");
    await gateway.close();
    const session = server.requests.at(-2)?.split(" ")[1];
    expect(session).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests.at(-1)).toBe(`DELETE ${session}`);
  });

  it("says the server refused the credentials when the bearer token is wrong", async () => {
    const server = await serve({ bearer: "s3cret" });
    await expect(
      open(
        {
          servers: {
            web: { url: server.url, tools: TOOLS, auth: { type: "bearer", tokenEnv: "WEB_TOKEN" } },
          },
        },
        { WEB_TOKEN: "wrong" },
      ),
    ).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message:
        "server web refused the credentials during initialize (HTTP 401); check servers.web.auth (the token in its tokenEnv variable) or tls.cert",
    });
  });

  it("turns a malformed JSON-RPC answer to a call into MCP_PROTOCOL, and the next call still goes out", async () => {
    const server = await serve({ malformed: "calls" });
    const { gateway } = await open({ servers: { web: { url: server.url, tools: TOOLS } } });
    approveTools(gateway);
    await gateway.refresh();
    for (let i = 0; i < 2; i++) {
      await expect(gateway.call("web", "add", { a: 1, b: 2 })).rejects.toMatchObject({
        code: "MCP_PROTOCOL",
        message: expect.stringContaining("server web sent a malformed JSON-RPC message"),
      });
    }
  });

  it("turns a malformed JSON-RPC answer into MCP_PROTOCOL", async () => {
    const server = await serve({ malformed: "always" });
    await expect(open({ servers: { web: { url: server.url, tools: TOOLS } } })).rejects.toMatchObject({
      code: "MCP_PROTOCOL",
      message: expect.stringContaining("server web"),
    });
  });
});

describe.skipIf(!runTlsTests)(
  `McpGateway over https with mutual TLS${runTlsTests ? "" : ` (skipped: ${OPENSSL_MISSING})`}`,
  () => {
    let certs: TestCerts;

    async function mtlsServer() {
      certs = makeTestCerts();
      return serve({
        tls: {
          key: certs.read(certs.serverKey),
          cert: certs.read(certs.serverCert),
          ca: certs.read(certs.ca),
          requestCert: true,
        },
      });
    }

    it("connects with the configured CA and client certificate", async () => {
      const server = await mtlsServer();
      const { gateway } = await open({
        servers: {
          secure: {
            url: server.url,
            tools: TOOLS,
            tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey },
          },
        },
      });
      expect(gateway.states().map((s) => s.tool)).toContain("echo");
      approveTools(gateway);
      await gateway.refresh();
      expect((await gateway.call("secure", "add", { a: 1, b: 1 })).text).toBe("2");
    });

    it("refuses a server whose certificate the configured CA did not sign", async () => {
      const server = await mtlsServer();
      await expect(
        open({
          servers: {
            secure: {
              url: server.url,
              tools: TOOLS,
              tls: { ca: certs.otherCa, cert: certs.clientCert, key: certs.clientKey },
            },
          },
        }),
      ).rejects.toMatchObject({
        code: "MCP_TLS_FAILED",
        message: expect.stringMatching(/^server secure \(localhost:\d+\): its certificate was not verified/),
      });
    });

    it("refuses the server's own CA when none is configured (system roots do not trust it)", async () => {
      const server = await mtlsServer();
      await expect(
        open({
          servers: {
            secure: { url: server.url, tools: TOOLS, tls: { cert: certs.clientCert, key: certs.clientKey } },
          },
        }),
      ).rejects.toMatchObject({
        code: "MCP_TLS_FAILED",
        message: expect.stringContaining("set servers.secure.tls.ca"),
      });
    });

    it("is refused by a server that requires a client certificate when none is configured", async () => {
      const server = await mtlsServer();
      await expect(
        open({ servers: { secure: { url: server.url, tools: TOOLS, tls: { ca: certs.ca } } } }),
      ).rejects.toMatchObject({
        code: "MCP_TLS_FAILED",
        message: expect.stringContaining("set servers.secure.tls.cert and tls.key"),
      });
    });

    it("is refused by the server with a client certificate from another CA", async () => {
      const server = await mtlsServer();
      await expect(
        open({
          servers: {
            secure: {
              url: server.url,
              tools: TOOLS,
              tls: { ca: certs.ca, cert: certs.strangerCert, key: certs.strangerKey },
            },
          },
        }),
      ).rejects.toMatchObject({ code: "MCP_TLS_FAILED" });
    });
  },
);
