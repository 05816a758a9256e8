/** Terminal colours: only on a terminal, never with NO_COLOR (https://no-color.org), forced with FORCE_COLOR. */
export interface ColorIo {
  readonly env: NodeJS.ProcessEnv;
  /** stdout is a terminal */
  readonly color?: boolean;
}

export function useColor(io: ColorIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.color === true && io.env.TERM !== 'dumb';
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
export type Paint = (style: keyof typeof CODES, text: string) => string;

export function painter(on: boolean): Paint {
  return on ? (style, text) => `\x1b[${CODES[style]}m${text}\x1b[0m` : (_style, text) => text;
}
