/**
 * A text cell made safe for spreadsheets (OWASP, CSV injection): a string that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return would be read as a formula by Excel, LibreOffice or Google Sheets, so it is written with a
 * leading `'`, which they show as text. Apply it to text columns only: numbers keep their sign. Parquet and JSON
 * keep the raw value.
 */
export function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
