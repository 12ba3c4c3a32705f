import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One content block of an Anthropic Messages API answer. */
export type FakeBlock =
  | { type: "text"; text: string }
  /** `streamedJson`: when streaming, send this text as the input's JSON (e.g. invalid JSON). */
  | { type: "tool_use"; id: string; name: string; input: unknown; streamedJson?: string };

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** What the server answers to one request: a message, or an API error with an HTTP status. */
export type FakeReply =
  | {
      content: FakeBlock[];
      stop_reason?: "end_turn" | "tool_use" | "max_tokens" | "refusal" | "stop_sequence";
      usage?: FakeUsage;
      model?: string;
    }
  | { status: 400 | 401 | 429 | 500 | 529; type: string; message: string }
  /** Answers with this raw body and status 200 (for malformed answers). */
  | { raw: string };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

export type FakeScript = FakeReply[] | ((body: Record<string, unknown>, index: number) => FakeReply);

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/**
 * A local HTTP server that speaks enough of the Anthropic Messages API (POST /v1/messages,
 * tool_use blocks, usage with cache tokens, stop reasons, typed errors) for the real SDKs to
 * talk to it through `baseURL` without knowing. It logs every request it received and answers
 * from a script, in order.
 */
export class FakeAnthropic {
  readonly requests: ReceivedRequest[] = [];
  readonly #server: Server;
  #script: FakeScript;
  #messageCount = 0;

  private constructor(script: FakeScript) {
    this.#script = script;
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
  }

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(script: FakeScript = []): Promise<FakeAnthropic> {
    const fake = new FakeAnthropic(script);
    fake.#server.listen(0, "127.0.0.1");
    await once(fake.#server, "listening");
    return fake;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Requests made to the messages endpoint, in order. */
  get messageRequests(): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === "/v1/messages");
  }

  script(script: FakeScript): void {
    this.#script = script;
    this.#messageCount = 0;
  }

  /** Message Batches: a batch ends after this many status polls. */
  batchPollsToEnd = 2;
  readonly #batchStore = new Map<
    string,
    { requests: Array<{ custom_id: string; params: Record<string, unknown> }>; polls: number }
  >();

  /** POST /v1/messages/batches, GET .../{id} (status), GET .../{id}/results (JSON Lines). */
  #batches(method: string, path: string, body: Record<string, unknown>, response: ServerResponse): void {
    const [, , , , id, tail] = path.split("/");
    if (method === "POST" && id === undefined) {
      const requests = body["requests"] as Array<{ custom_id: string; params: Record<string, unknown> }>;
      const batchId = `msgbatch_${this.#batchStore.size + 1}`;
      this.#batchStore.set(batchId, { requests, polls: 0 });
      send(response, 200, this.#batchObject(batchId));
      return;
    }
    const batch = id === undefined ? undefined : this.#batchStore.get(id);
    if (id === undefined || batch === undefined) {
      send(response, 404, { type: "error", error: { type: "not_found_error", message: path } });
      return;
    }
    if (tail === "results") {
      const lines = batch.requests.map((r) => {
        const reply = this.#reply(r.params);
        const result =
          reply === undefined || "raw" in reply
            ? { type: "errored", error: { type: "api_error", message: "nothing scripted" } }
            : "status" in reply
              ? { type: "errored", error: { type: reply.type, message: reply.message } }
              : { type: "succeeded", message: this.messageOf(reply, r.params, `msg_${r.custom_id}`) };
        return JSON.stringify({ custom_id: r.custom_id, result });
      });
      response.writeHead(200, { "content-type": "application/binary" });
      response.end(`${lines.join("\n")}\n`);
      return;
    }
    batch.polls++;
    send(response, 200, this.#batchObject(id));
  }

  #batchObject(id: string): Record<string, unknown> {
    const batch = this.#batchStore.get(id);
    const ended = batch !== undefined && batch.polls >= this.batchPollsToEnd;
    const count = batch?.requests.length ?? 0;
    return {
      id,
      type: "message_batch",
      processing_status: ended ? "ended" : "in_progress",
      request_counts: {
        processing: ended ? 0 : count,
        succeeded: ended ? count : 0,
        errored: 0,
        canceled: 0,
        expired: 0,
      },
      created_at: "2026-01-01T00:00:00Z",
      expires_at: "2026-01-02T00:00:00Z",
      ended_at: ended ? "2026-01-01T01:00:00Z" : null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: ended ? `${this.url}/v1/messages/batches/${id}/results` : null,
    };
  }

  /** The scripted reply to a request body (batch results use it too). */
  #reply(body: Record<string, unknown>): FakeReply | undefined {
    const index = this.#messageCount++;
    return typeof this.#script === "function" ? this.#script(body, index) : this.#script[index];
  }

  /** The Messages API body of a scripted answer. */
  messageOf(reply: Extract<FakeReply, { content: FakeBlock[] }>, body: Record<string, unknown>, id: string) {
    return {
      id,
      type: "message",
      role: "assistant",
      model: reply.model ?? String(body["model"] ?? "claude-test"),
      content: reply.content,
      stop_reason:
        reply.stop_reason ?? (reply.content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn"),
      stop_sequence: null,
      usage: {
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        ...(reply.usage ?? { input_tokens: 100, output_tokens: 20 }),
      },
    };
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, "close");
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    this.requests.push({ method: request.method ?? "GET", path, headers: request.headers, body });
    if (path.startsWith("/v1/messages/batches"))
      return this.#batches(request.method ?? "GET", path, body, response);
    if (request.method !== "POST" || path !== "/v1/messages") {
      return send(response, 404, { type: "error", error: { type: "not_found_error", message: path } });
    }
    const index = this.#messageCount;
    let reply: FakeReply | undefined;
    try {
      reply = this.#reply(body);
    } catch (error) {
      return send(response, 500, { type: "error", error: { type: "api_error", message: String(error) } });
    }
    if (reply === undefined) {
      return send(response, 500, {
        type: "error",
        error: { type: "api_error", message: `FakeAnthropic: nothing scripted for request ${index}` },
      });
    }
    if ("raw" in reply) {
      response.writeHead(200, { "content-type": "application/json", "request-id": `req_${index}` });
      response.end(reply.raw);
      return;
    }
    if ("status" in reply) {
      return send(
        response,
        reply.status,
        { type: "error", error: { type: reply.type || ERROR_TYPES[reply.status], message: reply.message } },
        // As Anthropic does: a retry-after on 429 (0 s here, so retry tests stay fast).
        reply.status === 429 ? { "retry-after": "0" } : {},
      );
    }
    const message = this.messageOf(reply, body, `msg_${index}`);
    if (body["stream"] === true) streamMessage(response, message);
    else send(response, 200, message);
  }
}

/**
 * Sends a message as the Messages API streams it (server-sent events): message_start, per block
 * content_block_start / deltas (text_delta, input_json_delta in two pieces) / content_block_stop,
 * message_delta with the stop reason and output tokens, message_stop.
 */
function streamMessage(response: ServerResponse, message: ReturnType<FakeAnthropic["messageOf"]>): void {
  response.writeHead(200, { "content-type": "text/event-stream", "request-id": "req_fake" });
  const event = (type: string, data: Record<string, unknown>) =>
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const { content, usage, stop_reason, ...rest } = message;
  event("message_start", {
    message: { ...rest, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
  });
  content.forEach((block, index) => {
    if (block.type === "text") {
      event("content_block_start", { index, content_block: { type: "text", text: "" } });
      event("content_block_delta", { index, delta: { type: "text_delta", text: block.text } });
    } else {
      event("content_block_start", {
        index,
        content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
      });
      const json = block.streamedJson ?? JSON.stringify(block.input);
      const half = Math.floor(json.length / 2);
      for (const partial_json of [json.slice(0, half), json.slice(half)]) {
        event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } });
      }
    }
    event("content_block_stop", { index });
  });
  event("message_delta", {
    delta: { stop_reason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  event("message_stop", {});
  response.end();
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", "request-id": "req_fake", ...headers });
  response.end(JSON.stringify(body));
}

/** A tool_use answer, as Claude gives when it calls a tool. */
export function toolUse(name: string, input: unknown, usage?: FakeUsage, id = `toolu_${name}`): FakeReply {
  return {
    content: [{ type: "tool_use", id, name, input }],
    stop_reason: "tool_use",
    ...(usage ? { usage } : {}),
  };
}

export function text(answer: string, usage?: FakeUsage): FakeReply {
  return { content: [{ type: "text", text: answer }], stop_reason: "end_turn", ...(usage ? { usage } : {}) };
}
