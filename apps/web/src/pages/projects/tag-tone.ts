/** Text darker than antd's tag presets, which miss WCAG AA contrast on their pale backgrounds. */
const TEXT: Record<string, string> = {
  orange: '#873800',
  volcano: '#871400',
  purple: '#391085',
  gold: '#613400',
  red: '#a8071a',
  blue: '#003eb3',
  green: '#135200',
};

export const toneOf = (color: string | undefined) =>
  color && TEXT[color] ? { color: TEXT[color] } : undefined;
