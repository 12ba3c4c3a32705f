/**
 * Renders untrusted data (task input, worker output, evidence) for a prompt: JSON inside a
 * named block, with `<` escaped so the data cannot close the block or open another one.
 */
export function dataBlock(tag: string, value: unknown): string {
  const json = JSON.stringify(value ?? null, null, 2).replaceAll("<", "\\u003c");
  return `<${tag}>\n${json}\n</${tag}>`;
}
