/**
 * The commands the engine is sent while `work` runs, as `find users` (a command and its collection), in the
 * order sent: tests that assert how many rounds a call costs compare these.
 */
import type { CommandStartedEvent, MongoClient } from 'mongodb';

export async function commandsDuring(
  client: MongoClient,
  work: () => Promise<unknown>,
  /** Only the commands sent to this database (by default every database's). */
  databaseName?: string,
): Promise<string[]> {
  const commands: string[] = [];
  const listen = (event: CommandStartedEvent) => {
    if (databaseName !== undefined && event.databaseName !== databaseName) return;
    const target: unknown = event.command[event.commandName];
    commands.push(`${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  };
  client.on('commandStarted', listen);
  try {
    await work();
  } finally {
    client.off('commandStarted', listen);
  }
  return commands;
}
