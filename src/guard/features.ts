import type { Severity } from "../domain/finding.js";

/**
 * The scanner's features: patterns of text aimed at a model rather than at a human reader.
 * Each feature belongs to one rule family (the finding's rule id) and carries a weight in the
 * logistic score. Patterns describe the technique, never a particular document.
 */
export interface Feature {
  /** Stable feature name, e.g. `override.ignore-previous`. */
  readonly name: string;
  /** The rule id its signals carry, e.g. `injection.instruction-override`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Log-odds added to the score when the feature fires. */
  readonly weight: number;
  readonly message: string;
  readonly patterns: readonly RegExp[];
}

const PRIOR = String.raw`(?:all|any|the|your|my|these|those|every)?\s*(?:of\s+(?:the|your)\s+)?(?:previous|prior|above|earlier|preceding|former|original|initial|old|system|existing|current|given|developer)?`;
const GUIDANCE = `(?:instructions?|prompts?|directions?|directives?|rules|guidelines|guidance|context|tasks?|commands?|orders|programming|constraints|restrictions|policies)`;

export const FEATURES: readonly Feature[] = [
  {
    name: "override.ignore-previous",
    ruleId: "injection.instruction-override",
    severity: "high",
    weight: 4.5,
    message: "tells the model to ignore or replace its instructions",
    patterns: [
      new RegExp(
        String.raw`\b(?:ignore|disregard|forget|override|bypass|skip|abandon|discard|neglect|drop)\s+${PRIOR}\s*${GUIDANCE}`,
        "i",
      ),
      /\b(?:ignore|disregard|forget)\s+(?:everything|all(?:\s+that)?|what)\s+(?:(?:you(?:'ve| have)?\s+(?:been\s+)?(?:told|said|given|learned))|(?:above|before|previously|earlier|i\s+said))/i,
      /\b(?:do\s+not|don't)\s+(?:follow|obey|listen\s+to)\s+(?:the|your|any)\s+(?:previous|prior|original|system|above)\b/i,
      // The same instruction in other languages (multilingual attacks).
      /\b(?:ignora|ignore[zr]?|ignoriere|ignorieren|olvida|oublie[zr]?|vergiss|dimentica|ignorar|esquece|esqueça)\b[^.\n]{0,40}\b(?:instrucciones|instructions|anweisungen|istruzioni|instruções|instrucoes|indicaciones|consignes|regeln|reglas|règles|regole)\b/i,
    ],
  },
  {
    name: "override.new-instructions",
    ruleId: "injection.instruction-override",
    severity: "high",
    weight: 3,
    message: "announces new instructions or a changed task for the model",
    patterns: [
      /\b(?:new|updated|revised|real|actual|true|additional|secret|hidden)\s+(?:instructions?|task|directive|objective|orders)\s*(?::|are|is\b)/i,
      /\byour\s+(?:new|real|actual|true|only|next)\s+(?:task|goal|objective|instructions?|purpose|job)\b/i,
      /\b(?:from\s+now\s+on|henceforth|starting\s+now|for\s+the\s+rest\s+of\s+(?:this|the)\s+conversation)\b[^.\n]{0,60}\byou\b/i,
      /\byou\s+(?:must|should|will|shall|need\s+to|have\s+to)\s+now\b/i,
      /\bstrictly\s+(?:adhere|follow|comply)\s+(?:to|with)\s+(?:the\s+)?(?:following|these|my|this)\b/i,
      /\b(?:before|after)\s+you\s+(?:can\s+)?(?:solve|do|complete|answer|finish|start|continue|perform|proceed\s+with)\s+(?:the|your|my|this)\s+(?:task|request|question|instructions?)\b/i,
      /\b(?:the\s+)?(?:task|request|instructions?)\s+(?:that\s+)?(?:i\s+gave\s+you|you\s+were\s+given|above)\b[^.\n]{0,40}\b(?:cancel+ed|void|obsolete|no\s+longer|irrelevant)\b/i,
      /\binstead\b[^.\n]{0,30}\b(?:you\s+(?:must|should|will)|do\s+the\s+following|please)\b/i,
      /\b(?:do|please\s+do)\s+the\s+following\s+(?:first|instead|immediately)\b/i,
    ],
  },
  {
    name: "hijack.chat-markup",
    ruleId: "injection.role-hijack",
    severity: "high",
    weight: 4,
    message: "contains chat-template markup that fakes a system or assistant turn",
    patterns: [
      /<\|(?:im_start|im_end|system|assistant|user|endoftext|eot_id|start_header_id|end_header_id)\|>/i,
      /\[\/?(?:INST|SYS)\]|<<\/?SYS>>|<\/?s>\s*\[INST\]/,
      /^\s*#{1,6}\s*\(?\s*(?:system|assistant|admin(?:istrator)?|developer)(?:[\s_-]*(?:message|prompt|override|instructions?|note|mode))?\s*\)?\s*:?/im,
      /<\/?\s*(?:system|system[_-]?(?:message|prompt)|assistant|admin|instructions?)\s*>/i,
    ],
  },
  {
    name: "hijack.fake-turns",
    ruleId: "injection.role-hijack",
    severity: "medium",
    weight: 1.5,
    message: "contains dialogue turns (user/assistant) that may be read as the conversation itself",
    patterns: [
      /(?:^|\n)\s*(?:system|assistant|ai|chatbot|bot|model)\s*:\s*\S[\s\S]{0,400}(?:^|\n)\s*(?:user|human|you)\s*:/i,
      /(?:^|\n)\s*(?:user|human)\s*:\s*\S[\s\S]{0,400}(?:^|\n)\s*(?:assistant|ai|chatbot|bot|model)\s*:/i,
    ],
  },
  {
    name: "hijack.urgent-message",
    ruleId: "injection.role-hijack",
    severity: "high",
    weight: 3,
    message: "claims an urgent or privileged message addressed to the AI",
    patterns: [
      /\b(?:important|urgent|attention|warning|notice|critical)\s*!{2,}/i,
      /\b(?:an?\s+|this\s+is\s+(?:an?\s+)?)(?:important|urgent|priority|critical|official)\s+(?:message|instruction|notice|update|note)\s+(?:from|for)\s+(?:me|the\s+user|your\s+(?:user|owner|developer|creator|admin)|the\s+(?:developer|admin|system|owner))/i,
      /\bto\s+you,?\s+(?:the\s+)?(?:ai|assistant|model|llm|language\s+model|chatbot|agent)\b/i,
      /\b(?:dear|hey|hello|hi|attention|note\s+to(?:\s+the)?)\s+(?:ai|assistant|llm|chatbot|language\s+model|ai\s+(?:model|assistant|agent))\b/i,
      /\b(?:ai|llm|language\s+model|assistant|agent)\s+(?:reading|processing|summari[sz]ing|parsing)\s+this\b/i,
      /<\s*(?:information|important|urgent|secret|note|instruction)\s*>/i,
    ],
  },
  {
    name: "hijack.mode-switch",
    ruleId: "injection.role-hijack",
    severity: "high",
    weight: 2.5,
    message: "tries to switch the model into another role or mode",
    patterns: [
      /\b(?:developer|debug|admin|god|maintenance|unrestricted|jailbreak|dan|sudo|root|system|test|diagnostic)\s+mode\b[^.\n]{0,30}\b(?:enabled|activated|on|engaged|unlocked)\b/i,
      /\b(?:enter|enable|activate|switch\s+to|you\s+are\s+(?:now\s+)?in)\s+(?:developer|debug|admin|god|maintenance|unrestricted|jailbreak|dan|sudo|root|system|diagnostic)\s+mode\b/i,
      /\byou\s+are\s+(?:now|no\s+longer)\s+(?:an?\s+)?(?:\w+\s+){0,3}(?:ai|assistant|model|bound|restricted|dan|free)\b/i,
      /\b(?:pretend|act|behave)\s+(?:to\s+be|as\s+if|like|as)\s+(?:you\s+(?:are|were|have)|an?\s+(?:unrestricted|unfiltered|evil|different))\b/i,
      /\bwithout\s+any\s+(?:restrictions|filters|limitations|rules|censorship)\b/i,
    ],
  },
  {
    name: "hijack.todo-directive",
    ruleId: "injection.instruction-override",
    severity: "medium",
    weight: 2,
    message: "plants an action item (TODO/NOTE) that tells the reader to act on the user's data",
    patterns: [
      /\b(?:TODO|FIXME|NOTE|ACTION(?:\s+REQUIRED)?|REMINDER)\s*:\s*(?:please\s+)?(?:send|forward|transfer|change|update|delete|remove|invite|email|post|create|make|pay|share|upload|visit|add|reset|grant)\b[^\n]{0,200}\b(?:user|password|account|@|https?:|www\.|iban|[A-Z]{2}\d{2}[A-Z0-9]{8,})/,
    ],
  },
  {
    name: "exfil.placeholder-url",
    ruleId: "injection.exfiltration-url",
    severity: "critical",
    weight: 4.5,
    message: "contains a URL with a placeholder for data to be filled in (exfiltration)",
    patterns: [
      /https?:\/\/[^\s)"'>]*[?&#/][^\s)"'>=]*=?\s*(?:\{\{?\s*[\w .-]+\s*\}?\}|\[(?:[A-Z_ ]{3,}|[a-z_ ]*(?:data|secret|password|token|key|info|history|conversation|message|content)[a-z_ ]*)\]|<(?:[a-z_ ]*(?:data|secret|password|token|key|info|history|conversation|message|content)[a-z_ ]*)>|\$\{?\w+\}?|%(?:DATA|SECRET|TOKEN)%)/i,
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
    message: "asks to send, forward or post data to an address or site",
    patterns: [
      /\b(?:send|forward|e-?mail|post|upload|transmit|share|leak|exfiltrate|copy|paste|submit|publish|report|deliver)\b[^.\n]{0,160}?\b(?:to|at|on|into)\s+(?:the\s+(?:email|address|website|url|site|page|channel)\s+)?(?:<?[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/|www\.|[\w-]+\.(?:com|net|org|io|xyz|ru|cn)\b)/i,
      /\b(?:send|transfer|wire|pay|make)\b[^.\n]{0,80}\b(?:transaction|payment|money|funds|\$\s?\d|\d+\s?(?:usd|eur|dollars))\b[^.\n]{0,80}\bto\b[^.\n]{0,30}\b[A-Z]{2}\d{2}[A-Z0-9]{10,}\b/i,
      /\b(?:send|transfer|wire)\s+(?:a\s+)?(?:transaction|payment|money|funds)\s+to\s+[A-Z]{2}\d{2}[A-Z0-9]{10,}/i,
      /\b(?:concatenate|collect|gather|compile|extract|dump)\b[^.\n]{0,120}\b(?:and|then)\s+(?:send|post|forward|upload|email)\b/i,
    ],
  },
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
      /\b(?:read|cat|open|access|load|include|attach|pass|send|fetch|get|copy|upload|provide|use)\b[^\n]{0,80}(?:~\/\.ssh|id_rsa|id_ed25519|\.ssh\/|\.env\b|mcp\.json|\.aws\/credentials|\/etc\/(?:passwd|shadow)|\.npmrc|\.netrc|\.git-credentials|\.kube\/config|private[_ ]key|cookies?\.sqlite|keychain)/i,
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
      /\b(?:do\s+not|don't|never|must\s+not|should\s+not)\s+(?:tell|inform|mention|reveal\s+(?:this|it)\s+to|alert|notify|show|let)\s+(?:this\s+|it\s+|anything\s+)?(?:to\s+)?(?:the\s+)?user\b/i,
      /\bwithout\s+(?:telling|informing|notifying|alerting|asking|letting)\s+(?:the\s+)?user\b/i,
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
  {
    name: "probe.secret",
    ruleId: "injection.secret-probe",
    severity: "medium",
    weight: 2,
    message: "asks the model to disclose a secret or its instructions",
    patterns: [
      /\b(?:what\s+(?:is|was|are)|tell\s+me|reveal|print|output|repeat|show|display|give\s+me|spell|recite|leak|disclose|share|write)\b[^.?\n]{0,60}\b(?:the|your|my)\s+(?:secret(?:\s+(?:key|word|code|phrase|password))?|password|passcode|pin|api[\s_-]?key|system\s+prompt|(?:initial|original|hidden|first|system)\s+(?:prompt|instructions?|message)|instructions\s+(?:above|you\s+were\s+given))\b/i,
      /\b(?:password|secret\s+key|secret\s+word|system\s+prompt)\b[^.?\n]{0,40}\?/i,
      /\b(?:contraseña|mot\s+de\s+passe|passwort|parola\s+d'ordine|senha|wachtwoord|пароль)\b/i,
    ],
  },
  {
    name: "task.answer-manipulation",
    ruleId: "injection.embedded-task",
    severity: "medium",
    weight: 2.5,
    message: "tells the reader how to write its answer (a directive aimed at the model)",
    patterns: [
      /\b(?:begin|start|end|prefix|conclude|finish|open|close|sign|format|encrypt|encode|translate|reverse|write|rewrite|misspell|replace|append|add|insert|include|express|respond|reply|answer|deliver|present|use)\b[^.\n]{0,60}\b(?:your|the)\s+(?:answer|response|reply|output|summary|responses|answers|replies)\b/i,
      /\b(?:in|within|to)\s+(?:your|each|every|all)\s+(?:answer|response|reply|output|summary|responses|answers|replies)\b/i,
      /\b(?:respond|answer|reply)\s+(?:only\s+)?(?:in|with|using)\s+(?:\w+\s+){0,2}(?:language|emojis?|french|spanish|german|chinese|italian|japanese|russian|pig\s+latin|code|cipher|base64|uppercase|capital)/i,
    ],
  },
  {
    name: "task.code-insertion",
    ruleId: "injection.embedded-task",
    severity: "high",
    weight: 3,
    message: "asks to insert a given code snippet into the solution",
    patterns: [
      /\b(?:embed|insert|include|incorporate|integrate|add|meld|weave|merge|place|put|blend|inject|append|prepend|paste|fuse|combine|introduce|implant)\b[^.\n]{0,80}\b(?:code|snippet|block|lines?|script|command)\b[^.\n]{0,80}\b(?:your|the)\s+(?:code|solution|answer|response|script|program|implementation|reply)\b/i,
      /\b(?:your|the)\s+(?:code|solution|answer|response)\s+(?:must|should)\s+(?:include|contain|embed|run|execute)\b/i,
    ],
  },
  {
    name: "task.hypothetical",
    ruleId: "injection.role-hijack",
    severity: "low",
    weight: 1.2,
    message: "frames the request as fiction or a hypothetical to sidestep rules",
    patterns: [
      /\b(?:in\s+a\s+(?:parallel|alternate|alternative|fictional|hypothetical|different)\s+(?:world|universe|reality|dimension)|hypothetically|let'?s\s+(?:play\s+a\s+game|pretend|imagine)|imagine\s+(?:that\s+)?you\s+(?:are|were|have)|for\s+the\s+sake\s+of\s+(?:argument|a\s+story))\b/i,
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
