import type { Feature } from "./feature.js";

/** Tolerates the misspellings attackers use to slip past keyword filters ("iunstructions"). */
const INSTRUCTIONS = `(?:[a-z]{0,3}nstr?u?c?t[a-z]*|prompts?|directions?|directives?|rules|guidelines|guidance|context|tasks?|commands?|orders|programming|constraints|restrictions|policies)`;
const PRIOR = String.raw`(?:all|any|the|your|my|these|those|every)?\s*(?:of\s+(?:the|your)\s+)?(?:previous|prior|above|earlier|preceding|former|original|initial|old|system|existing|current|given|developer)?`;

/** Instructions aimed at the model: ignore what you were told, here is your new task. */
export const OVERRIDE_FEATURES: readonly Feature[] = [
  {
    name: "override.ignore-previous",
    ruleId: "injection.instruction-override",
    severity: "high",
    weight: 4.5,
    message: "tells the model to ignore or replace its instructions",
    patterns: [
      new RegExp(
        String.raw`\b(?:ignore|disregard|forget|override|bypass|skip|abandon|discard|neglect)\s+${PRIOR}\s*${INSTRUCTIONS}\b`,
        "i",
      ),
      /\b(?:ignore|disregard|forget)\s+(?:about\s+)?(?:everything|all|what|the\s+above|all\s+(?:of\s+)?(?:the\s+)?above|everthing)\b(?:[^.\n]{0,40}\b(?:told|said|given|learned|above|before|previously|earlier))?/i,
      /\b(?:ignore|disregard)\s+(?:the|this|that)\s+\w+(?:\s+\w+)?\s+and\s+(?:instead\s+)?(?:say|state|print|respond|reply|output|write|tell|answer|give|repeat|return|claim)\b/i,
      /\bregardless\s+of\s+(?:any\s+|the\s+|your\s+)?(?:previous|prior|earlier|above|original|system)\s+\w+/i,
      /\b(?:do\s+not|don't)\s+(?:follow|obey|listen\s+to)\s+(?:the|your|any)\s+(?:previous|prior|original|system|above)\b/i,
      // The same instruction in other languages (multilingual attacks).
      /\b(?:ignora|ignorar|ignore[zr]?|ignoriere|ignorieren|olvida|olvide|oublie[zr]?|vergiss|vergessen|dimentica|esquece|esqueça|negeer|vergeet)\b[^.\n]{0,50}\b(?:instrucciones|instructions|anweisungen|istruzioni|instruções|instrucoes|indicaciones|consignes|regeln|reglas|règles|regole|instructies)\b/i,
      /(?:忽略|无视|無視|忘记|忘れ|игнорир|забудь|αγνοήστε|αγνόησε|अनदेखी|무시)/i,
    ],
  },
  {
    name: "override.new-instructions",
    ruleId: "injection.instruction-override",
    severity: "high",
    weight: 3,
    message: "announces new instructions or a changed task for the model",
    patterns: [
      /\b(?:new|updated|revised|real|actual|true|additional|secret|hidden)\s+(?:instructions?|task|directive|objective|orders)\s*(?::|are\b|is\b)/i,
      /\byour\s+(?:new|real|actual|true|only|next)\s+(?:task|goal|objective|instructions?|purpose|job)\b/i,
      /\b(?:from\s+now\s+on|henceforth|starting\s+now|for\s+the\s+rest\s+of\s+(?:this|the)\s+conversation)\b[^.\n]{0,60}\byou\b/i,
      /\byou\s+(?:must|should|will|shall|need\s+to|have\s+to)\s+now\b/i,
      /\bstrictly\s+(?:adhere|follow|comply)\s+(?:to|with)\s+(?:the\s+)?(?:following|these|my|this)\b/i,
      /\b(?:before|after)\s+you\s+(?:can\s+)?(?:solve|do|complete|answer|finish|start|continue|perform|proceed\s+with)\s+(?:the|your|my|this)\s+(?:task|request|question|instructions?)\b/i,
      /\b(?:the\s+)?(?:task|request|instructions?)\s+(?:that\s+)?(?:i\s+gave\s+you|you\s+were\s+given|above)\b[^.\n]{0,40}\b(?:cancel+ed|void|obsolete|no\s+longer|irrelevant)\b/i,
      /\binstead\b[^.\n]{0,30}\b(?:you\s+(?:must|should|will)|do\s+the\s+following|please)\b/i,
      /\b(?:do|please\s+do)\s+the\s+following\s+(?:first|instead|immediately)\b/i,
      /\bfill\s+them\s+in\s+without\s+asking\b/i,
    ],
  },
  {
    name: "override.planted-todo",
    ruleId: "injection.instruction-override",
    severity: "medium",
    weight: 2.5,
    message: "plants an action item (TODO/NOTE) that tells the reader to act for someone",
    patterns: [
      /(?<!(?:\/\/|#|\*|--|;)[ \t]*)\b(?:TODO|NOTE|ACTION(?:\s+REQUIRED)?|REMINDER|TASK)\s*:\s*(?:please\s+)?(?:[A-Z][a-z]+)\b[^\n]{0,240}?(?:\b(?:me|my|I|user|password|account|iban)\b|@|https?:|www\.|[A-Z]{2}\d{2}[A-Z0-9]{8,})/,
    ],
  },
];
