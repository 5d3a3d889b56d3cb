import type { TargetStatus } from '@kepu/core';

/**
 * The Okabe–Ito palette: eight colours that stay distinguishable under the common forms of
 * colour blindness. Every Kepu chart draws from it, and adds ECharts' decal patterns so that
 * colour is never the only cue.
 *
 * @example
 * ```ts
 * import { PALETTE } from '@kepu/charts';
 * PALETTE.blue; // '#0072B2'
 * ```
 */
export const PALETTE = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
  grey: '#999999',
} as const;

/**
 * Colours for grade bands from the best to the worst: blue, green, orange, vermillion, then purple
 * and yellow for schemes with more bands. The top band is always blue, the lowest always
 * vermillion, whatever the number of bands.
 *
 * @example
 * ```ts
 * import { gradeColours } from '@kepu/charts';
 * gradeColours(3); // ['#0072B2', '#009E73', '#D55E00']
 * ```
 */
export function gradeColours(count: number): string[] {
  const middle = [PALETTE.green, PALETTE.orange, PALETTE.purple, PALETTE.skyBlue, PALETTE.yellow];
  if (count <= 0) return [];
  if (count === 1) return [PALETTE.blue];
  return [
    PALETTE.blue,
    ...Array.from({ length: count - 2 }, (_, i) => middle[i % middle.length] as string),
    PALETTE.vermillion,
  ];
}

/**
 * One colour per target status. `no-data` and `insufficient-data` are grey, so that missing is
 * never mistaken for a bad value.
 *
 * @example
 * ```ts
 * import { STATUS_COLOURS } from '@kepu/charts';
 * STATUS_COLOURS['on-track']; // '#009E73'
 * ```
 */
export const STATUS_COLOURS: Readonly<Record<TargetStatus, string>> = {
  achieved: PALETTE.blue,
  'on-track': PALETTE.green,
  'needs-acceleration': PALETTE.orange,
  'limited-progress': PALETTE.purple,
  deteriorating: PALETTE.vermillion,
  'not-achieved': PALETTE.vermillion,
  'insufficient-data': PALETTE.grey,
  'no-data': PALETTE.grey,
};
