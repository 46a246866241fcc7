import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';

/**
 * Light or dark, remembered on this device (main.tsx's localStorage manager). Until someone chooses, the app
 * follows the system's preference.
 */
export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const next = computed === 'dark' ? 'light' : 'dark';
  const label = next === 'dark' ? 'Switch to dark mode' : 'Switch to light mode';
  return (
    <Tooltip label={label} openDelay={400}>
      <ActionIcon
        variant="default"
        size="lg"
        radius="md"
        aria-label={label}
        data-testid="color-scheme-toggle"
        data-scheme={computed}
        onClick={() => setColorScheme(next)}
      >
        <span aria-hidden style={{ fontSize: 16, lineHeight: 1 }}>
          {next === 'dark' ? '☾' : '☀'}
        </span>
      </ActionIcon>
    </Tooltip>
  );
}
