import type { TopLevelSpec } from 'vega-lite';
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

const LEGEND = { title: 'Feature', orient: 'bottom-right' as const };
const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Figure 1: the spectrum with its lines. Upper panel survey-calibrated flux (±1σ band from ivar), lower panel
 * continuum-normalised flux; identified features as vertical rules — emission red dashed, absorption blue
 * dotted — labelled by transition, with tooltips; masked pixels drawn as orange ticks along the bottom of each
 * panel and left out of the flux line.
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
        color: {
          field: 'kind',
          type: 'nominal' as const,
          scale: { domain: ['emission', 'absorption'], range: [COLORS.emission, COLORS.absorption] },
          legend: LEGEND,
        },
        strokeDash: {
          field: 'kind',
          type: 'nominal' as const,
          scale: {
            domain: ['emission', 'absorption'],
            range: [
              [6, 4],
              [2, 3],
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
    mark: { type: 'tick' as const, color: COLORS.masked, thickness: 1, size: 8 },
    encoding: { x, y: { value: 'height' as const } },
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
          {
            data: { values: lines },
            mark: {
              type: 'text' as const,
              angle: 270,
              align: 'right' as const,
              baseline: 'bottom' as const,
              dx: -3,
              dy: -2,
              fontSize: 9,
            },
            encoding: {
              x: { field: 'wavelength', type: 'quantitative' as const },
              y: { value: 0 },
              text: { field: 'label' },
              color: {
                field: 'kind',
                type: 'nominal' as const,
                scale: { domain: ['emission', 'absorption'], range: [COLORS.emission, COLORS.absorption] },
                legend: LEGEND,
              },
            },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}
