import { createTheme, darken, type CSSVariablesResolver, type MantineTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white text on filled buttons and indigo links on white above WCAG AA's 4.5:1 (shade 6 is 4.3);
  // in dark mode too, for the white text on filled buttons.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      // Mantine draws the text under a title in gray 6 (3.3:1); the dimmed grey below reads at 6:1.
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
    Modal: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close' } },
    },
  },
});

/**
 * How much darker than shade 9 a hue's text must be to read at 4.7:1 on its own shade 1 (a light badge, an
 * alert) and so on white: Mantine's shade 9 is too light for these hues (green 9 on green 1 is 3.8:1).
 */
const LIGHT_TEXT_DARKEN: Readonly<Record<string, number>> = {
  red: 0.05,
  teal: 0.1,
  green: 0.15,
  orange: 0.15,
  lime: 0.2,
  yellow: 0.3,
};

/**
 * Every hue's text colour, one per scheme, behind Mantine's own per-scheme variables: `c="red"` (not `c="red.9"`,
 * a fixed shade that is unreadable on dark) resolves to `--mantine-color-red-text`, and outline and light
 * variants (badges, buttons, alerts) read `-outline` and `-light-color`. Light: shade 9, darker where needed;
 * dark: shade 3 (Mantine's shade 4 is 4.0:1 for violet on dark 6).
 */
function hueTextVariables(theme: MantineTheme, scheme: 'light' | 'dark'): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [hue, shades] of Object.entries(theme.colors)) {
    const text =
      scheme === 'light'
        ? darken(shades[9], LIGHT_TEXT_DARKEN[hue] ?? 0)
        : `var(--mantine-color-${hue}-${hue === 'dark' ? 0 : 3})`;
    variables[`--mantine-color-${hue}-text`] = text;
    variables[`--mantine-color-${hue}-outline`] = text;
    variables[`--mantine-color-${hue}-light-color`] =
      scheme === 'light' ? text : `var(--mantine-color-${hue}-0)`;
  }
  return variables;
}

/**
 * Contrast fixes for WCAG AA (4.5:1 for small text), checked by axe in light and dark in every e2e suite:
 * - dimmed text: Mantine's gray 6 is 3.3:1 on white; this grey is 6:1 on white and on the gray-0 background;
 *   in dark, Mantine's dark 2 on dark 7 fails AA; dark 1 is well above it;
 * - error text: red 6 is 3.3:1; red 9 is 5.5:1; red 4 on dark;
 * - indigo on its light variants (the active navbar link, hovered): indigo 9 on indigo 2 is 4.1:1; this is 5.2:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    ...hueTextVariables(theme, 'light'),
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-indigo-light-color': '#30449f',
    // The app's own surfaces, one value per scheme: the page behind cards, and a highlighted cell or bubble.
    '--crm-page-bg': 'var(--mantine-color-gray-0)',
    '--crm-highlight': 'var(--mantine-color-indigo-0)',
    // A holiday's column in a timetable (green, as the calendar draws holidays; the text stays dark).
    '--crm-holiday-bg': 'var(--mantine-color-green-1)',
  },
  dark: {
    ...hueTextVariables(theme, 'dark'),
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-2)',
    '--crm-page-bg': 'var(--mantine-color-dark-8)',
    '--crm-highlight': 'rgba(92, 124, 250, 0.22)',
    '--crm-holiday-bg': 'rgba(64, 192, 87, 0.22)',
  },
});
