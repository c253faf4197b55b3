/**
 * Marks a plain nested object (snake_case keys, as Terraform names them) as nested blocks for
 * cdktf's HCL renderer, which otherwise renders values the bindings type as `any` as attributes.
 */
export function hclBlocks(value: Record<string, unknown>): Record<string, unknown> {
  return { value: [attributes(value)], isBlock: true, type: "list", storageClassType: "object" };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function attributes(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (isPlainObject(v)) return [key, hclBlocks(v)];
      if (Array.isArray(v) && v.every(isPlainObject)) {
        return [key, { value: v.map(attributes), isBlock: true, type: "list", storageClassType: "object" }];
      }
      return [key, v];
    }),
  );
}

/**
 * A string as the inside of an HCL quoted template: backslashes, quotes and line breaks escaped,
 * template sequences (`${...}`, `$${`) left as they are. For values cdktf would otherwise write as a
 * heredoc, which ends with a newline the JSON synthesis does not have.
 */
export function hclQuoted(text: string): string {
  return text.replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c] ?? c);
}
