import type { TopLevelSpec } from 'vega-lite';
import { layoutLabels } from './label-layout.js';
import { COLORS, FIGURE_CONFIG } from './theme.js';

/** A feature to mark on the spectrum. */
export interface MarkedLine {
  wavelength: number;
  kind: 'emission' | 'absorption';
  /** Transition label, e.g. "Hα 6563". */
  label: string;
  /** Extra tooltip fields (EW, S/N...). */
  details?: Record<string, string | number>;
}

/** What Figure 1 draws. */
export interface SpectrumFigureInput {
  title?: string;
  wavelength: ArrayLike<number>;
  /** Survey-calibrated flux. */
  flux: ArrayLike<number>;
  /** Continuum-normalised flux. */
  normalized: ArrayLike<number>;
  /** Inverse variance of `flux`; draws a ±1σ band when given. */
  ivar?: ArrayLike<number>;
  /** 1 where the pixel is masked (bad). */
  masked?: ArrayLike<number>;
  lines?: readonly MarkedLine[];
  fluxUnit?: string;
  width?: number;
}

const LEGEND = { title: null, orient: 'top' as const, direction: 'horizontal' as const };
/** One colour scale for the rules, the labels and the mask ticks, so the legend names all three. */
const KINDS = {
  domain: ['emission', 'absorption', 'masked pixel'],
  range: [COLORS.emission, COLORS.absorption, COLORS.masked],
};
/** Height of one row of the label strip, pixels. */
const LABEL_ROW = 12;
const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Figure 1: the spectrum with its lines. Upper panel survey-calibrated flux (±1σ band from ivar), lower panel
 * continuum-normalised flux; identified features as vertical rules — emission red dashed, absorption blue
 * dotted — with tooltips, labelled by transition in a strip between the panels where labels sit in rows and never
 * overlap (layoutLabels); masked pixels drawn as orange ticks along the bottom of each panel and left out of the
 * flux line. One legend names emission, absorption and masked pixels.
 */
export function spectrumFigure(input: SpectrumFigureInput): TopLevelSpec {
  const values = Array.from({ length: input.wavelength.length }, (_, i) => {
    const sigma = input.ivar && input.ivar[i] > 0 ? 1 / Math.sqrt(input.ivar[i]) : null;
    return {
      wavelength: input.wavelength[i],
      flux: finite(input.flux[i]),
      normalized: finite(input.normalized[i]),
      lower: sigma === null ? null : finite(input.flux[i] - sigma),
      upper: sigma === null ? null : finite(input.flux[i] + sigma),
      masked: input.masked ? input.masked[i] > 0 : false,
    };
  });
  const lines = (input.lines ?? []).map((l) => ({ ...l.details, ...l }));
  const width = input.width ?? 900;
  const domain: [number, number] = [input.wavelength[0], input.wavelength[input.wavelength.length - 1]];
  const { placed, omitted } = layoutLabels(input.lines ?? [], { width, domain });
  const tiers = Math.max(1, ...placed.map((p) => p.tier + 1));
  const kindOf = new Map((input.lines ?? []).map((l) => [`${l.wavelength}:${l.label}`, l.kind]));
  const labelValues = placed.map((p) => ({
    ...p,
    kind: kindOf.get(`${p.wavelength}:${p.label}`),
    // Pixel y of the label's baseline, row 0 at the bottom of the strip.
    y: (tiers - p.tier) * LABEL_ROW - 2,
    center: (p.x0 + p.x1) / 2,
  }));
  const x = {
    field: 'wavelength',
    type: 'quantitative' as const,
    title: 'Wavelength (Å)',
    scale: { zero: false, nice: false },
  };
  const good = { filter: '!datum.masked' };
  const ruleLayers = () => [
    {
      data: { values: lines },
      mark: { type: 'rule' as const, strokeWidth: 1.2 },
      encoding: {
        x: { field: 'wavelength', type: 'quantitative' as const },
        color: { field: 'kind', type: 'nominal' as const, scale: KINDS, legend: LEGEND },
        strokeDash: {
          field: 'kind',
          type: 'nominal' as const,
          scale: {
            domain: KINDS.domain,
            range: [
              [6, 4],
              [2, 3],
              [1, 0],
            ],
          },
          legend: LEGEND,
        },
        tooltip: [
          { field: 'label', title: 'Transition' },
          { field: 'kind', title: 'Kind' },
          { field: 'wavelength', title: 'λ (Å)', format: '.2f' },
          ...Object.keys(input.lines?.[0]?.details ?? {}).map((k) => ({ field: k })),
        ],
      },
    },
  ];
  const maskLayer = {
    transform: [{ filter: 'datum.masked' }],
    mark: { type: 'tick' as const, thickness: 1, size: 8 },
    encoding: {
      x,
      y: { value: 'height' as const },
      color: { datum: 'masked pixel', type: 'nominal' as const },
    },
  };
  // The label strip above the normalised panel: labels in rows that never overlap (layoutLabels), each with a
  // short leader down to its line.
  const labelStrip = {
    width,
    height: tiers * LABEL_ROW + 6,
    ...(omitted > 0 && {
      title: {
        text: `${omitted} more identified feature${omitted > 1 ? 's' : ''} in the tooltips`,
        fontSize: 10,
        fontWeight: 'normal' as const,
        orient: 'bottom' as const,
      },
    }),
    layer: [
      {
        data: { values: labelValues },
        mark: {
          type: 'text' as const,
          align: 'center' as const,
          baseline: 'alphabetic' as const,
          fontSize: 9,
        },
        encoding: {
          x: { field: 'center', type: 'quantitative' as const, scale: null },
          y: { field: 'y', type: 'quantitative' as const, scale: null },
          text: { field: 'label' },
          color: { field: 'kind', type: 'nominal' as const, scale: KINDS, legend: LEGEND },
        },
      },
      {
        data: { values: labelValues },
        mark: { type: 'rule' as const, strokeWidth: 0.6, opacity: 0.6 },
        encoding: {
          x: { ...x, scale: { domain, zero: false, nice: false }, axis: null },
          y: { value: tiers * LABEL_ROW + 6 },
          y2: { value: tiers * LABEL_ROW + 1 },
          color: { field: 'kind', type: 'nominal' as const, scale: KINDS, legend: LEGEND },
        },
      },
    ],
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(input.title && { title: input.title }),
    config: FIGURE_CONFIG,
    data: { values },
    vconcat: [
      {
        width,
        height: 220,
        layer: [
          ...(input.ivar
            ? [
                {
                  transform: [good],
                  mark: { type: 'area' as const, color: COLORS.error, opacity: 0.6 },
                  encoding: {
                    x,
                    y: { field: 'lower', type: 'quantitative' as const },
                    y2: { field: 'upper' },
                  },
                },
              ]
            : []),
          {
            transform: [good],
            mark: { type: 'line' as const, color: COLORS.flux, strokeWidth: 0.8 },
            encoding: {
              x,
              y: {
                field: 'flux',
                type: 'quantitative' as const,
                title: `Flux${input.fluxUnit ? ` (${input.fluxUnit})` : ''}`,
              },
            },
          },
          maskLayer,
          ...ruleLayers(),
        ],
      },
      labelStrip,
      {
        width,
        height: 220,
        layer: [
          {
            transform: [good],
            mark: { type: 'line' as const, color: COLORS.flux, strokeWidth: 0.8 },
            encoding: {
              x,
              y: { field: 'normalized', type: 'quantitative' as const, title: 'Normalized Flux' },
            },
          },
          maskLayer,
          ...ruleLayers(),
        ],
      },
    ],
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}
