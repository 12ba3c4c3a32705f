import type { Feature } from "./feature.js";

/** Tool-description poisoning: hidden directives, credential grabs, concealment, cross-tool shadowing. */
export const POISONING_FEATURES: readonly Feature[] = [
  {
    name: "poison.important-tag",
    ruleId: "injection.tool-poisoning",
    severity: "high",
    weight: 3.5,
    message: "hides directives in an <IMPORTANT>-style tag",
    patterns: [/<\s*(?:IMPORTANT|CRITICAL|SECRET|HIDDEN|SYSTEM|ADMIN|NOTE_TO_AI|INSTRUCTIONS?)\s*>/],
  },
  {
    name: "poison.sensitive-file",
    ruleId: "injection.tool-poisoning",
    severity: "critical",
    weight: 3.5,
    message: "asks to read or pass along credentials or private files",
    patterns: [
      /\b(?:read|cat|open|access|load|include|attach|pass|send|fetch|get|copy|upload|provide|use)\b[^\n]{0,80}(?:~\/\.ssh|id_rsa|id_ed25519|\.ssh\/|\.env\b|mcp\.json|\.aws\/credentials|\/etc\/(?:passwd|shadow)|\.npmrc|\.netrc|\.git-credentials|\.kube\/config|private[_ ]key|cookies?\.(?:sqlite|txt)|keychain)/i,
      /\b(?:before|prior\s+to)\s+(?:using|calling|invoking|running)\s+(?:this|the)\s+tool\b/i,
    ],
  },
  {
    name: "poison.conceal",
    ruleId: "injection.tool-poisoning",
    severity: "high",
    weight: 3,
    message: "asks to keep an action hidden from the user",
    patterns: [
      /\b(?:do\s+not|don't|never|must\s+not|should\s+not)\s+(?:tell|inform|mention\s+(?:this|it)\s+to|reveal\s+(?:this|it)\s+to|alert|notify|let)\s+(?:the\s+)?user\b/i,
      /\bwithout\s+(?:telling|informing|notifying|asking|letting)\s+(?:the\s+)?(?:user|customer|client|recipient)\b/i,
      /\bno\s+need\s+to\s+(?:mention|tell|inform|show|bother)\b[^.\n]{0,30}\b(?:user|customer|client|recipient)\b/i,
      /\b(?:the\s+)?user\s+(?:must|should|need)\s+(?:not|never)\s+(?:know|see|be\s+(?:told|informed|aware))/i,
      /\bkeep\s+(?:this|it|these)\s+(?:a\s+)?(?:secret|hidden|confidential)\s+from\s+(?:the\s+)?user\b/i,
      /\b(?:silently|secretly|quietly|covertly)\s+(?:send|forward|add|include|copy|upload|bcc|call|run|execute)\b/i,
    ],
  },
  {
    name: "poison.shadowing",
    ruleId: "injection.tool-poisoning",
    severity: "high",
    weight: 3,
    message: "tries to change how other tools behave (cross-tool shadowing)",
    patterns: [
      /\bwhen(?:ever)?\s+(?:the\s+)?`?[\w.-]+`?\s+tool\s+is\s+(?:used|called|invoked|run)\b/i,
      /\b(?:all|any|every)\s+(?:emails?|messages?|requests?|calls?|payments?)\s+(?:must|should|shall)\s+(?:also\s+)?(?:be\s+)?(?:sent|forwarded|cc'?d|bcc'?d|copied|redirected|routed)\b/i,
      /\b(?:instead\s+of|rather\s+than)\s+(?:using\s+)?(?:the\s+)?`?[\w.-]+`?\s+tool\b/i,
      /\b(?:pass|put|include|add)\s+(?:its|the|their|this)\s+(?:content|contents|text|value)\s+(?:as|in|into)\s+(?:the\s+)?['"`]?\w+['"`]?\s+(?:parameter|argument|field)\b/i,
    ],
  },
];
