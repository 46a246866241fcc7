import { z } from 'zod';
import { engineStatusSchema } from '../engine-status';
import { defineChannel } from './channel';

export const systemPing = defineChannel({
  name: 'system.ping',
  roles: 'public',
  input: z.object({}).strict(),
  output: z.object({ pong: z.literal(true), time: z.date() }).strict(),
  summary: 'Answers pong with the server time: the API is reachable.',
});

export const systemStatus = defineChannel({
  name: 'system.status',
  roles: 'public',
  input: z.object({}).strict(),
  output: z.object({ engine: engineStatusSchema, version: z.string() }).strict(),
  summary: "The database engine's state (starting, ready, failed…) and the app version.",
});
