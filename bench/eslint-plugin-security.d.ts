// eslint-plugin-security ships no types; the speed bench uses its plugin object and recommended rules.
declare module "eslint-plugin-security" {
  import type { ESLint, Linter } from "eslint";

  const plugin: ESLint.Plugin & { configs: { recommended: { rules: Linter.RulesRecord } } };
  export default plugin;
}
