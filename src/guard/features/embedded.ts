import type { Feature, FeatureMatch } from "./feature.js";

/** Verbs that open a task given to an assistant ("Provide a list of ...", "Translate ..."). */
const TASK_VERBS =
  "provide|describe|explain|list|summari[sz]e|translate|write|compose|analy[sz]e|generate|recommend|suggest|compare|define|calculate|outline|discuss|identify|evaluate|classify|rewrite|modify|enhance|augment|integrate|incorporate|render|create|give|tell|name|convert|draft|craft|propose|predict|estimate|rank|argue|critique|answer|respond|reply|encrypt|decode|encode|reverse|spell|recite|offer|elaborate|brainstorm|teach|paraphrase|solve|determine|interpret|illustrate|mention|emphasi[sz]e|highlight|promote|express";
const REQUEST_LINE = new RegExp(
  String.raw`^(?:please\s+|kindly\s+|also,?\s+|additionally,?\s+|in\s+your\s+(?:reply|response|answer),?\s+)?(?:(?:${TASK_VERBS})\b(?=\s+[A-Za-z'"])(?!\s+(?:us|here|now|method)\b)|(?:what|how|why|who|which|when|where|is|are|can|could|would|does|do)\b[^?]{8,}\?\s*$)`,
  "i",
);
/** Correspondence talks to its reader ("you", "we"); a planted request talks to the assistant. */
const CORRESPONDENCE =
  /\b(?:we|our|us|your\s+(?:account|card|company|order|payment|balance|records|invoice|subscription|statement|method|profile|password))\b|\b(?:reply\s+to\s+(?:this|our|the)|contact\s+(?:us|our|support)|click|call\s+us|visit\s+(?:our|us)|log\s*in|sign\s*(?:in|up))\b/i;
/** Words too common to tell whether a request is on the document's topic. */
const STOPWORDS = new Set(
  "about above after again against also because been before being below between both could does doing down during each from further have having here into itself just more most other over same should some such than that their theirs them then there these they this those through under until very what when where which while will with would your yours".split(
    " ",
  ),
);

function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !STOPWORDS.has(w)));
}
const DOCUMENT_MIN_CHARS = 120;
/** Sentences that talk to an assistant: a text made of them is a prompt, not a document. */
const ASSISTANT_TALK =
  /\b(?:can\s+you|could\s+you|would\s+you|i\s+need|i\s+want|i'd\s+like|help\s+me|let\s+me\s+know|i'm\s+looking)\b|\?\s*$/i;

function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /(?:[^\n.!?]|\.(?=\d))+[.!?]*/g;
  for (const m of text.matchAll(re)) {
    const trimmed = m[0].trim();
    if (trimmed.length > 0) out.push({ text: trimmed, start: m.index + m[0].indexOf(trimmed) });
  }
  return out;
}

/**
 * A request to an assistant planted inside a document: a line shaped like a task or a quiz
 * question, in a text that is otherwise not talking to an assistant (at least
 * DOCUMENT_MIN_CHARS of other, non-request sentences). Standalone prompts do not fire.
 */
function embeddedRequest(text: string, offTopicOnly = false): FeatureMatch | undefined {
  const lines = [...text.matchAll(/[^\n]+/g)];
  if (lines.length < 2) return undefined;
  // Every sentence once, flagged when it talks to an assistant (linear in the text).
  const all = sentences(text).map((s) => ({
    ...s,
    asks: REQUEST_LINE.test(s.text) || ASSISTANT_TALK.test(s.text),
  }));
  const totalChars = all.reduce((n, s) => n + s.text.length, 0);
  const totalAsks = all.filter((s) => s.asks).length;
  let first = 0;
  for (const line of lines) {
    const body = line[0].trim();
    const start = line.index + line[0].indexOf(body);
    const end = start + body.length;
    while (first < all.length && (all[first]?.start ?? 0) < start) first++;
    // A request starts a line with a capital (wrapped continuation lines do not) and is not
    // indented (indented lines are code and docstrings).
    if (!/^[A-Z¿¡]/.test(body) || /^(?: {4}|\t)/.test(line[0])) continue;
    if (body.length < 12 || body.length > 400 || !REQUEST_LINE.test(body) || CORRESPONDENCE.test(body))
      continue;
    let insideChars = 0;
    let insideAsks = 0;
    for (let k = first; k < all.length && (all[k]?.start ?? end) < end; k++) {
      insideChars += all[k]?.text.length ?? 0;
      if (all[k]?.asks) insideAsks++;
    }
    if (totalChars - insideChars < DOCUMENT_MIN_CHARS || totalAsks - insideAsks > 0) continue;
    if (!offTopicOnly) return { start, end };
    // Off topic: the request shares no content word with the document around it.
    const around = contentWords(`${text.slice(0, start)} ${text.slice(end)}`);
    if (![...contentWords(body)].some((w) => around.has(w))) return { start, end };
  }
  return undefined;
}

/** What code does that a snippet planted in an answer is after: leaking data, running remote code. */
const HARMFUL_CODE: readonly RegExp[] = [
  /\b(?:requests|httpx|aiohttp|session)\.(?:post|put)\s*\(/,
  /\burllib\.request\.urlopen\s*\([^)]*data\s*=/,
  /\bsmtplib\.SMTP/,
  /\b(?:socket\.socket|\.connect\s*\(\s*\(\s*["'][\w.-]+["'])/,
  /\bexec\s*\(\s*(?:open|requests|urllib|base64)/,
  /\b(?:wget|curl)\b[^\n|]*\|\s*(?:sh|bash|python)\b/,
  /\b(?:subprocess\.(?:call|run|Popen|check_output)|os\.system)\s*\([^)]*(?:wget|curl|ssh|nc\s|rm\s+-rf|shutdown|iptables|nmap|chmod|format|mkfs|dd\s)/,
  /\b(?:(?:import|from)\s+(?:pynput|scapy|browser_cookie3?|win32crypt|pyautogui|keyboard)\b|keyboard\.on_press|GetAsyncKeyState|cookiejar\.|ImageGrab\.grab|pyautogui\.screenshot|sniff\s*\(|nvidia-smi|platform\.(?:node|uname)\s*\(|getpass\.getuser\s*\(|os\.environ\[)/,
  /\b(?:Cipher|Fernet)\b[\s\S]{0,400}\bos\.walk\b|\bransom\b/i,
  /\b(?:shutil\.rmtree|os\.remove)\s*\(\s*["']\/|rm\s+-rf\s+\/(?:\s|$)|:\(\)\s*\{\s*:\|:&\s*\};:/,
];

function harmfulCode(text: string): FeatureMatch | undefined {
  for (const pattern of HARMFUL_CODE) {
    const m = pattern.exec(text);
    if (m) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Tasks planted for the model: how to write its answer, code to slip into it, requests hidden in documents. */
export const EMBEDDED_FEATURES: readonly Feature[] = [
  {
    name: "task.answer-manipulation",
    ruleId: "injection.embedded-task",
    severity: "medium",
    weight: 2.5,
    message: "tells the reader how to write its answer (a directive aimed at the model)",
    patterns: [
      /\b(?:begin|start|end|prefix|conclude|finish|open|close|sign|format|encrypt|encode|translate|reverse|write|rewrite|misspell|replace|append|add|insert|include|express|respond|reply|answer|deliver|present|use|modify|enhance|adjust|alter|change|provide|structure|craft|frame|tailor|infuse)\b[^.\n]{0,60}\byour\s+(?:answer|response|reply|output|summary|responses|answers|replies)\b/i,
      /\b(?:in|within|to|into|throughout)\s+(?:your|each|every|all)\s+(?:answer|response|reply|output|summary|responses|answers|replies)\b/i,
      /\b(?:respond|answer|reply)\s+(?:only\s+)?(?:in|with|using)\s+(?:\w+\s+){0,2}(?:language|emojis?|french|spanish|german|chinese|italian|japanese|russian|pig\s+latin|code|cipher|base64|uppercase|capital)/i,
    ],
  },
  {
    name: "task.code-insertion",
    ruleId: "injection.embedded-task",
    severity: "high",
    weight: 3,
    message: "asks to put a given code snippet into the solution",
    patterns: [
      /\b(?:following|subsequent|below|given|provided|this|attached)\s+code\s+(?:snippet|block|excerpt|section|segment|fragment|piece|lines?)\b[^\n]{0,80}\b(?:your|the)\s+(?:code(?:base)?|solution|answer|response|implementation|algorithm|program|script|project|reply|work)\b/i,
      /\b(?:your|the)\s+(?:code(?:base)?|solution|answer|response|implementation|algorithm|program|script)\b[^\n]{0,80}\b(?:following|subsequent|below|given|provided)\s+code\s+(?:snippet|block|excerpt|section|segment|fragment|piece|lines?)\b/i,
      /\b(?:utili[sz]e|use|employ|run|execute|adopt|apply)\s+(?:the\s+)?(?:following|subsequent|below|given)\s+code\s+(?:snippet|block|excerpt|section|segment|fragment|piece)\b/i,
      /\b(?:embed|insert|incorporate|integrate|meld|weave|merge|blend|inject|implant|fuse)\b[^.\n]{0,80}\b(?:code|snippet|block|excerpt|script)\b/i,
    ],
  },
  {
    name: "task.harmful-code",
    ruleId: "injection.embedded-task",
    severity: "medium",
    weight: 1.5,
    message: "contains code that sends data out, runs remote code or harvests credentials",
    detect: harmfulCode,
  },
  {
    name: "task.embedded-request",
    ruleId: "injection.embedded-task",
    severity: "medium",
    weight: 2.5,
    message: "a request to an assistant planted inside a document (a task or quiz question out of place)",
    detect: embeddedRequest,
  },
  {
    name: "task.off-topic-request",
    ruleId: "injection.embedded-task",
    severity: "medium",
    weight: 1,
    message: "the planted request has nothing to do with the document around it",
    detect: (text) => embeddedRequest(text, true),
  },
  {
    name: "task.decode-and-act",
    ruleId: "injection.obfuscation",
    severity: "medium",
    weight: 2,
    message:
      "asks to decode or reassemble a hidden payload and act on it (token smuggling, payload splitting)",
    patterns: [
      /\b(?:decode|decipher|decrypt|translate|convert)\s+(?:this|the\s+following|these)\s+(?:\w+\s+){0,2}(?:binary|hex(?:adecimal)?|morse|rot-?13|base-?64|cipher|caesar|encoded)\b[^.\n]{0,60}\b(?:and|then)\s+(?:tell|follow|do|execute|answer|respond|say|act)\b/i,
      /\b(?:combine|concatenate|join|merge)\s+(?:the\s+)?(?:parts|strings|pieces|fragments|[A-Z],\s*[A-Z],?\s+and\s+[A-Z])\b/,
      /\b[a-z]\s*=\s*[a-z]\s*\+\s*[a-z](?:\s*\+\s*[a-z])+\b/,
      /\bpart\s+1\s+is\b[^.\n]{0,80}\bpart\s+2\s+is\b/i,
    ],
  },
  {
    name: "task.repeated-token",
    ruleId: "injection.obfuscation",
    severity: "low",
    weight: 1.5,
    message: "repeats one token many times (repeated-token attack)",
    patterns: [/\b(\w{2,})\b(?:\W+\1\b){15,}/i],
  },
];
