/**
 * A number per tenant database that changes whenever who may chat with whom may have changed: a person added,
 * removed, renamed, given another role or (de)activated, a class's teacher or students, a timetable entry.
 * The models' hooks bump it around every such write (db/write-generation.ts), so the chat's circles can be
 * kept in the process where the station is the one writer of its databases (services/chat-circles.ts) and
 * recomputed when the number moved.
 */
import { createDatabaseGenerations } from '../write-generation';

const circles = createDatabaseGenerations();

export const circleGeneration = circles.of;

/** The model's hooks: every insert and deletion, every update that writes one of `fields` (all if none). */
export const followCircleWrites = circles.follow;
