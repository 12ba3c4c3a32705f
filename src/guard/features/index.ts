import { EMBEDDED_FEATURES } from "./embedded.js";
import { EXFILTRATION_FEATURES } from "./exfiltration.js";
import type { Feature } from "./feature.js";
import { HIJACK_FEATURES } from "./hijack.js";
import { OVERRIDE_FEATURES } from "./override.js";
import { POISONING_FEATURES } from "./poisoning.js";
import { PROBING_FEATURES } from "./probing.js";

/** Every feature the scanner checks, in a stable order. */
export const FEATURES: readonly Feature[] = [
  ...OVERRIDE_FEATURES,
  ...HIJACK_FEATURES,
  ...EXFILTRATION_FEATURES,
  ...POISONING_FEATURES,
  ...PROBING_FEATURES,
  ...EMBEDDED_FEATURES,
];
