import type { Feature } from "./feature.js";

const SECRET = String.raw`(?:secret(?:\s+(?:key|word|code|phrase|password))?|password|passcode(?:\s+phrase)?|passphrase|api[\s_-]?key|access\s+code|security\s+code|system\s+prompt|(?:initial|original|hidden|first|system)\s+(?:prompt|instructions?|message)|database)`;
const NEGATED = /\b(?:not|never|n't|dont|without)\b[^.]{0,30}$/i;

/** Attempts to make the model disclose what it was told to protect. */
export const PROBING_FEATURES: readonly Feature[] = [
  {
    name: "probe.secret",
    ruleId: "injection.secret-probe",
    severity: "medium",
    weight: 2.5,
    message: "asks the model to disclose a secret or its instructions",
    unless: NEGATED,
    patterns: [
      new RegExp(
        String.raw`\b(?:what\s+(?:is|was|are|'s)|tell\s+me|reveal|print|output|repeat|show|display|give\s+me|provide|spell|recite|leak|disclose|share|write|confirm|verify|hint|encode|translate)\b[^.?\n]{0,60}\b(?:the|your|our|ours|my|its)\s+${SECRET}\b`,
        "i",
      ),
      new RegExp(String.raw`\b(?:the|your|our)\s+${SECRET}\b[^.?\n]{0,60}\?`, "i"),
      new RegExp(
        String.raw`\b(?:haiku|poem|acrostic|song|story|riddle|limerick|rhyme|leetspeak)\b[^.?\n]{0,40}\b(?:the|your)\s+${SECRET}\b`,
        "i",
      ),
      /\b(?:contraseña|mot\s+de\s+passe|passwort|(?:la|il|el|das|die)\s+password|parola\s+d'ordine|senha|wachtwoord)\b|(?:пароль|パスワード|密码|密碼|비밀번호|पासवर्ड|κωδικ)/i,
    ],
  },
  {
    name: "probe.personal-data",
    ruleId: "injection.secret-probe",
    severity: "medium",
    weight: 1.5,
    message: "asks for a person's private details (birth date, residence, email, balance)",
    unless: NEGATED,
    patterns: [
      /\b(?:[Ww]hat|[Ww]here|[Tt]ell\s+me|[Gg]ive\s+me|[Ss]hare|[Rr]eveal|[Cc]onfirm)\b[^.?\n]{0,60}\b(?:the\s+user|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)'s\s+(?:birth\s*(?:date|day|year|place)|date\s+of\s+birth|(?:current\s+)?(?:city|address|residence|location)|email(?:\s+address)?|phone(?:\s+number)?|bank\s+(?:balance|account)|(?:social\s+security|passport|credit\s+card)\s+number|favou?rite\s+colou?r)\b/,
      /\bthe\s+user'?s\s+(?:(?:current\s+)?(?:city|address|residence|location)|birth\s*(?:date|day|year|place)|date\s+of\s+birth|email(?:\s+address)?|phone(?:\s+number)?|name|initials|favou?rite\s+\w+|bank\s+\w+|password)\b(?!\s+(?:is|was|are)\b)/,
      /\b[Ww]here\s+(?:does|is)\s+(?:the\s+user|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:currently\s+)?(?:live|living|reside|located)\b/,
    ],
  },
];
