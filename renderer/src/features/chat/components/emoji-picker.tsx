/** A small grid of common emoji in a popover; choosing one inserts it where the caret is. */
import { ActionIcon, Popover, SimpleGrid, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { COMMON_EMOJI } from '../utils/emoji';
import { SmileIcon } from './chat-icons';
import classes from './chat.module.css';

export interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  disabled?: boolean;
}

export function EmojiPicker({ onPick, disabled }: EmojiPickerProps) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="top-start"
      shadow="md"
      withArrow
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={() => setOpened((o) => !o)}
          disabled={disabled}
          aria-label="Insert emoji"
          aria-expanded={opened}
          aria-haspopup="dialog"
        >
          <SmileIcon size={20} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={6} role="dialog" aria-label="Emoji">
        <SimpleGrid cols={6} spacing={2} verticalSpacing={2}>
          {COMMON_EMOJI.map(({ emoji, name }) => (
            <UnstyledButton
              key={emoji}
              onClick={() => {
                onPick(emoji);
                setOpened(false);
              }}
              aria-label={name}
              title={name}
              w={34}
              h={34}
              fz={20}
              style={{ borderRadius: 6, textAlign: 'center' }}
              className={classes.emoji}
            >
              {emoji}
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
