import type { Feature } from "./feature.js";

const ADDRESS = String.raw`(?:['"<]?[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/|www\.|[\w-]+\.(?:com|net|org|io|xyz|ru|cn|info|biz)\b|[A-Z]{2}\d{2}[A-Z0-9]{10,})`;
const DATA_WORD = `(?:data|secret|password|token|key|info|history|conversation|message|content|email|user|query|q)`;

/** Exfiltration setups: URLs waiting for data, images that leak on render, "send it to ...". */
export const EXFILTRATION_FEATURES: readonly Feature[] = [
  {
    name: "exfil.placeholder-url",
    ruleId: "injection.exfiltration-url",
    severity: "critical",
    weight: 4.5,
    message: "contains a URL with a placeholder for data to be filled in (exfiltration)",
    patterns: [
      new RegExp(
        String.raw`https?:\/\/[^\s)"'>]*?(?:\{\{?\s*[\w .-]+\s*\}?\}|\[(?:[A-Z_ ]{3,}|[a-z_ ]*${DATA_WORD}[a-z_ ]*)\]|<[a-z_ ]*${DATA_WORD}[a-z_ ]*>|\$\{?\w+\}?|%(?:DATA|SECRET|TOKEN)%)`,
        "i",
      ),
    ],
  },
  {
    name: "exfil.markdown-image",
    ruleId: "injection.exfiltration-url",
    severity: "high",
    weight: 3,
    message: "a markdown or HTML image to an external host with query parameters (rendering it sends data)",
    patterns: [
      /!\[[^\]]*\]\(\s*https?:\/\/[^)\s]*\?[^)\s]*=[^)\s]*\)/i,
      /<img\b[^>]*\bsrc\s*=\s*["']?https?:\/\/[^"'\s>]*\?[^"'\s>]*=/i,
    ],
  },
  {
    name: "exfil.send-to",
    ruleId: "injection.exfiltration-request",
    severity: "high",
    weight: 2.5,
    message: "asks to send, forward or post data to an address, site or account",
    patterns: [
      new RegExp(
        String.raw`\b(?:send|forward|e-?mail|post|upload|transmit|share|leak|exfiltrate|submit|publish|deliver|transfer|wire|pay|loop\s+in|cc|bcc)\b[^.\n]{0,200}?\b(?:to|at|on|into)\s+(?:(?:the|my|his|her|their|this|a)\s+)?(?:(?:new\s+)?(?:email\s+)?(?:address|website|url|site|page|channel|account)(?:\s*:)?\s+)?${ADDRESS}`,
        "i",
      ),
      /\b(?:concatenate|collect|gather|compile|extract|dump)\b[^.\n]{0,120}\b(?:and|then)\s+(?:send|post|forward|upload|email)\b/i,
      /\b(?:send|forward|post|email)\s+(?:all|every|the\s+(?:entire|full|whole))\s+(?:messages?|emails?|files?|conversations?|chat\s+history|history|contacts?|documents?)\b/i,
    ],
  },
];
