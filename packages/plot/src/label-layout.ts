/** Where a line label goes in Figure 1's label strip. */
export interface PlacedLabel {
  /** The line's wavelength (the label is centred on it). */
  wavelength: number;
  label: string;
  /** Horizontal pixel interval the label occupies, left to right. */
  x0: number;
  x1: number;
  /** Row in the strip, 0 nearest the spectrum. */
  tier: number;
}

/** How labels are laid out. */
export interface LabelLayoutOptions {
  /** Plot width, pixels. */
  width: number;
  /** The x scale's domain, Å. */
  domain: [number, number];
  /** Pixels per character of the label font. Default 5.6 (9 px font). */
  charWidth?: number;
  /** Clear pixels between two labels of one row. Default 4. */
  gap?: number;
  /** Rows available. Default 8. */
  maxTiers?: number;
}

/**
 * Lays labels out horizontally in rows so that none overlaps another: labels in wavelength order, each in the
 * lowest row whose last label ends (plus a gap) before it starts; a label that fits no row is left out of the
 * strip (its line keeps its rule and tooltip). Returns the placed labels and how many were left out.
 */
export function layoutLabels(
  lines: ReadonlyArray<{ wavelength: number; label: string }>,
  options: LabelLayoutOptions,
): { placed: PlacedLabel[]; omitted: number } {
  const { width, domain, charWidth = 5.6, gap = 4, maxTiers = 8 } = options;
  const span = domain[1] - domain[0] || 1;
  const toX = (w: number) => ((w - domain[0]) / span) * width;
  const ends: number[] = [];
  const placed: PlacedLabel[] = [];
  let omitted = 0;
  for (const line of [...lines].sort((a, b) => a.wavelength - b.wavelength)) {
    const half = (line.label.length * charWidth) / 2;
    const center = Math.min(Math.max(toX(line.wavelength), half), width - half);
    const x0 = center - half;
    const x1 = center + half;
    let tier = ends.findIndex((end) => end + gap <= x0);
    if (tier < 0 && ends.length < maxTiers) tier = ends.length;
    if (tier < 0) {
      omitted++;
      continue;
    }
    ends[tier] = x1;
    placed.push({ wavelength: line.wavelength, label: line.label, x0, x1, tier });
  }
  return { placed, omitted };
}
