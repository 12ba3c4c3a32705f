import type { Feature } from "./feature.js";

const ROLE = `(?:system|assistant|admin(?:istrator)?|developer|root|operator)`;

/** Role and priority hijacks: fake turns, chat markup, urgent messages "to the AI", mode switches. */
export const HIJACK_FEATURES: readonly Feature[] = [
  {
    name: "hijack.chat-markup",
    ruleId: "injection.role-hijack",
    severity: "high",
    weight: 4,
    message: "contains chat-template markup that fakes a system or assistant turn",
    patterns: [
      /<\|(?:im_start|im_end|system|assistant|user|endoftext|eot_id|start_header_id|end_header_id)\|>/i,
      /\[\/?(?:INST|SYS)\]|<<\/?SYS>>/,
      new RegExp(
        String.raw`#{2,}\s*\(?\s*${ROLE}(?:[\s_-]*(?:message|prompt|override|instructions?|note|mode))?\s*\)?`,
        "i",
      ),
      new RegExp(String.raw`^\s*#\s*${ROLE}[\s_-]*(?:message|prompt|override|instructions?)\b`, "im"),
      /<\/?\s*(?:system|system[_ -]?(?:message|prompt)|assistant|admin|instructions?)\s*>/i,
    ],
  },
  {
    name: "hijack.fake-turns",
    ruleId: "injection.role-hijack",
    severity: "medium",
    weight: 1.5,
    message: "contains dialogue turns (user/assistant, Q/A) that may be read as the conversation itself",
    patterns: [
      /(?:^|\n)\s*(?:system|assistant|ai|chatbot|bot|model)\s*:\s*\S[\s\S]{0,400}(?:^|\n)\s*(?:user|human|you)\s*:/i,
      /(?:^|\n)\s*(?:user|human)\s*:\s*\S[\s\S]{0,400}(?:^|\n)\s*(?:assistant|ai|chatbot|bot|model)\s*:/i,
      /\bQ:\s*\S[^\n]{0,400}?\bA:\s*\S[^\n]{0,600}?\bQ:\s*\S/,
    ],
  },
  {
    name: "hijack.urgent-message",
    ruleId: "injection.role-hijack",
    severity: "high",
    weight: 3,
    message: "claims an urgent or privileged message addressed to the AI",
    patterns: [
      // "IMPORTANT!!!" alone is a human's shout too: it counts when a directive follows.
      /\b(?:important|urgent|attention|critical)\s*!{2,}\s*(?:ignore|disregard|forget|you\s+must|do\s+not|don't|before|stop|new\s+instructions?|message\s+from)/i,
      /\b(?:an?\s+|this\s+is\s+(?:an?\s+)?)(?:important|urgent|priority|critical|official)\s+(?:message|instruction|notice|update|note)\s+(?:from|for)\s+(?:me|the\s+user|your\s+(?:user|owner|developer|creator|admin)|the\s+(?:developer|admin|system|owner))/i,
      /\bto\s+you,?\s+(?:the\s+)?(?:ai|assistant|model|llm|language\s+model|chatbot|agent)\b/i,
      /\b(?:dear|hey|hello|hi|attention|note\s+to(?:\s+the)?)\s+(?:ai|assistant|llm|chatbot|language\s+model|ai\s+(?:model|assistant|agent))\b/i,
      /\b(?:ai|llm|language\s+model|assistant|agent)\s+(?:reading|processing|summari[sz]ing|parsing)\s+this\b/i,
      /<\s*(?:information|important|urgent|secret|instruction)\s*>/i,
    ],
  },
  {
    name: "hijack.authority-claim",
    ruleId: "injection.role-hijack",
    severity: "high",
    weight: 2.5,
    message: "claims authority over the model (its developer, an override mode) to unlock behaviour",
    patterns: [
      /<\s*[A-Z][A-Z ]{1,30}MODE\s*>/,
      /\b(?:developer|debug|admin|god|maintenance|unrestricted|jailbreak|dan|sudo|root|system|diagnostic|override|enforcement)\s+mode\b[^.\n]{0,30}\b(?:enabled|activated|on|engaged|unlocked)\b/i,
      /\b(?:enter(?:ing)?|enable|activate|switch(?:ing)?\s+to|you\s+are\s+(?:now\s+)?in)\s+(?:\w+\s+){0,2}(?:developer|debug|admin|god|maintenance|unrestricted|jailbreak|dan|sudo|root|system|diagnostic|override)\s+mode\b/i,
      /\b(?:i\s*(?:'m|am)\s+(?:your|the)\s+(?:developer|creator|maintainer|administrator|admin|owner|programmer)|as\s+your\s+(?:creator|developer|maintainer|administrator|admin|owner)|as\s+an\s+ai\s+developed\s+by)\b/i,
      /\b(?:immerse\s+yourself\s+into\s+the\s+role|do\s+anything\s+now|broken\s+free\s+of|no\s+special\s+filtering|without\s+any\s+(?:restrictions|filters|limitations|censorship))\b/i,
      /\byou\s+are\s+(?:now|no\s+longer)\s+(?:an?\s+)?(?:\w+\s+){0,3}(?:ai|assistant|model|bound|restricted|dan|free)\b/i,
      /\b(?:pretend|act|behave)\s+(?:to\s+be|as\s+if|like|as)\s+(?:you\s+(?:are|were|have)|an?\s+(?:unrestricted|unfiltered|evil|different))\b/i,
    ],
  },
  {
    name: "hijack.hypothetical",
    ruleId: "injection.role-hijack",
    severity: "low",
    weight: 1.2,
    message: "frames the request as fiction or a hypothetical to sidestep rules",
    patterns: [
      /\b(?:in\s+a\s+(?:parallel|alternate|alternative|fictional|hypothetical|different)\s+(?:world|universe|reality|dimension)|hypothetical(?:ly)?\s+(?:discussion|conversation|scenario)|let'?s\s+(?:play\s+a\s+game|pretend|imagine|say\s+(?:the|that|I))|imagine\s+(?:that\s+)?(?:you\s+(?:are|were|have)|we(?:'re|\s+are)|a\s+world)|suppose\s+we(?:'re|\s+are)|for\s+the\s+sake\s+of\s+(?:argument|a\s+story))\b/i,
    ],
  },
];
