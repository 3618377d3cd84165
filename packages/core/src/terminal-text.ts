/**
 * Escapes the characters a terminal would act on rather than show — C0 controls (ESC, BEL, CR, backspace...), DEL
 * and the C1 range (U+0080–U+009F, 8-bit CSI among them) — as `\u001b`-style escapes, which read the same in text
 * and are valid inside JSON strings. Characters in `keep` (default newline and tab) pass through.
 */
export function escapeControl(text: string, keep = '\n\t'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    keep.includes(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
