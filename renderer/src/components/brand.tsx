import { Box, Group, Text } from '@mantine/core';

/** The app's mark: a rounded square with an "S". Decorative: the name next to it says what it is. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <Box
      aria-hidden
      w={size}
      h={size}
      bg="var(--mantine-primary-color-filled)"
      c="white"
      fz={size * 0.5}
      style={{ borderRadius: size / 4, display: 'grid', placeItems: 'center', fontWeight: 700, flex: 'none' }}
    >
      S
    </Box>
  );
}

/** The mark and the app's name, for headers. */
export function Brand({ size = 32 }: { size?: number }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <BrandMark size={size} />
      <Text fw={650} fz={size >= 40 ? 'xl' : 'lg'} style={{ whiteSpace: 'nowrap' }}>
        Smart School CRM
      </Text>
    </Group>
  );
}
