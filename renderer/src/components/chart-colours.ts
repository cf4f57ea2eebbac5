// Colours chosen to stay distinct in greyscale print (dark, mid, light) and for colour-blind readers.
// Their own module, so that screens using the colours without a chart do not load the chart library.
export const SETTING_COLOURS = { push_in: '#1f6f8b', pull_out: '#e07a1f', consult: '#9bb7c4' } as const;
