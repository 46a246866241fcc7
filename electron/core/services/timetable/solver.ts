// The timetable generator. Three phases on the same incremental state (state.ts):
//  1. construction, most-constrained first (DSatur-like): the group with the fewest clash-free starts left is
//     placed next, in its least harmful start;
//  2. tabu search on hard breaches (TabuCol-style, after Hertz & de Werra): take a group in a clash, try every
//     start and every swap with a group sharing its class or teacher, make the best move not tabu, forbid
//     moving it back for a while; swaps keep a class's week full, which is what solves fully booked schools;
//  3. simulated annealing on the soft goals among moves that keep the hard breaches at zero.
// Whatever is still in a clash at the end is taken out and reported as unplaced with its reason.
// Everything random comes from the seeded PRNG, so a problem and a seed give the same timetable every time
// (unless the time limit or a cancel cuts a phase short).
import { checkTimetable, softScore } from './checker';
import { buildModel, type Model } from './model';
import { precheck } from './precheck';
import type { Placement, SolveOptions, TimetableProblem, TimetableSolution, Unplaced } from './problem';
import { createRandom, type Random } from './random';
import { unplacedReason } from './reasons';
import { State } from './state';

const PROGRESS_EVERY_MS = 100;
/**
 * Each tabu step weighs the moves of every event in a clash (TabuCol) while there are at most ALL_BELOW of
 * them, else of a random sample of SAMPLE (the first steps on a big school). Tenure: a random 1–10 steps plus
 * TENURE × the number of events in a clash.
 */
const ALL_BELOW = 40;
const SAMPLE = 8;
const TENURE = 0.3;

/** The best move found so far in one tabu step, ties broken at random. */
class Move {
  after = Infinity;
  event = -1;
  slot = -1;
  room = -1;
  swapWith = -1;
  private ties = 0;

  reset(): void {
    this.after = Infinity;
    this.event = -1;
    this.ties = 0;
  }

  offer(after: number, event: number, slot: number, room: number, swapWith: number, random: Random): void {
    if (after < this.after) {
      this.after = after;
      this.ties = 1;
    } else if (after !== this.after || random.int(++this.ties) !== 0) {
      return;
    }
    this.event = event;
    this.slot = slot;
    this.room = room;
    this.swapWith = swapWith;
  }
}

/** Time, cancel and progress, looked at every few hundred moves. */
class Clock {
  private readonly started = performance.now();
  private lastProgress = -Infinity;
  stopped = false;

  constructor(private readonly options: SolveOptions) {}

  elapsed(): number {
    return performance.now() - this.started;
  }

  /** true = stop the search now. */
  tick(report: () => { placed: number; total: number; hard: number; soft: number }): boolean {
    if (this.stopped) return true;
    const now = this.elapsed();
    if (now >= this.options.timeLimitMs || this.options.shouldStop?.() === true) {
      this.stopped = true;
      return true;
    }
    if (this.options.onProgress && now - this.lastProgress >= PROGRESS_EVERY_MS) {
      this.lastProgress = now;
      const r = report();
      this.options.onProgress({
        placedGroups: r.placed,
        totalGroups: r.total,
        hardViolations: r.hard,
        softTotal: r.soft,
        elapsedMs: Math.round(now),
      });
    }
    return false;
  }
}

class Search {
  state: State;
  iterations = 0;
  private readonly bestSlot: Int32Array;
  private readonly bestRoom: Int32Array;
  private bestHard = Infinity;
  private bestSoft = Infinity;

  constructor(
    private readonly m: Model,
    private readonly random: Random,
    private readonly clock: Clock,
    private readonly totalGroups: number,
  ) {
    this.state = new State(m);
    this.bestSlot = new Int32Array(m.events.length).fill(-1);
    this.bestRoom = new Int32Array(m.events.length).fill(-1);
  }

  private progress(placed: number, soft = 0) {
    return () => ({ placed, total: this.totalGroups, hard: this.state.hard - this.state.base, soft });
  }

  /** Free (clash-free) starts of an unplaced event, counted to pick the most constrained one. */
  private freeStarts(e: number): number {
    const { state } = this;
    let n = 0;
    for (const s of this.m.events[e]!.starts) {
      if (state.addCost(e, s, state.bestRoom(e, s, this.random)) === 0) n++;
    }
    return n;
  }

  construct(): void {
    const { m, state, random } = this;
    const E = m.events.length;
    const free = new Int32Array(E);
    const placed = new Uint8Array(E);
    for (let e = 0; e < E; e++) free[e] = this.freeStarts(e);
    // Demand of each event's resources, to break ties towards the busiest teachers and classes.
    const weight = m.events.map((ev, i) => ev.length * 1000 + m.neighbours[i]!.length);
    // Past the time limit (or cancelled) the rest is placed without re-counting: the result comes back at once.
    let hurry = false;
    for (let step = 0; step < E; step++) {
      if ((step & 63) === 0 && !hurry) hurry = this.clock.tick(this.progress(step));
      let e = -1;
      for (let f = 0; f < E; f++) {
        if (placed[f]) continue;
        if (e < 0 || free[f]! < free[e]! || (free[f] === free[e] && weight[f]! > weight[e]!)) e = f;
      }
      const ev = m.events[e]!;
      let bestS = -1;
      let bestR = -1;
      let bestCost = Infinity;
      let ties = 0;
      for (const s of ev.starts) {
        const r = state.bestRoom(e, s, random);
        const cost = state.addCost(e, s, r) * 1000 + this.spreadPenalty(e, s);
        if (cost < bestCost) {
          bestCost = cost;
          bestS = s;
          bestR = r;
          ties = 1;
        } else if (cost === bestCost && random.int(++ties) === 0) {
          bestS = s;
          bestR = r;
        }
      }
      state.add(e, bestS, bestR);
      placed[e] = 1;
      // Only events sharing a teacher, a class or the room have fewer free starts now.
      const touched = new Set(m.neighbours[e]);
      if (bestR >= 0 && m.byRoom[bestR]!.length <= 400) for (const f of m.byRoom[bestR]!) touched.add(f);
      if (!hurry) for (const f of touched) if (!placed[f]) free[f] = this.freeStarts(f);
    }
  }

  /** Soft preference while constructing: a class's subject not already on that day. */
  private spreadPenalty(e: number, s: number): number {
    return this.state.subjectDayFull(e, s) ? 1 : 0;
  }

  private saveBest(soft: number): void {
    this.bestHard = this.state.hard;
    this.bestSoft = soft;
    this.bestSlot.set(this.state.slot);
    this.bestRoom.set(this.state.room);
  }

  /**
   * The best move for event e: to another start (with its best room) or a swap with an event sharing its class
   * or teacher. Tabu moves count only when they beat the best timetable so far (aspiration). Leaves the state
   * as it found it.
   */
  private bestMoveFor(e: number, tabu: Int32Array, iter: number, best: Move): void {
    const { m, random, state } = this;
    const S = m.slots;
    const ev = m.events[e]!;
    const old = state.slot[e]!;
    const oldRoom = state.room[e]!;
    state.remove(e);
    const aspiration = this.bestHard;
    for (const s of ev.starts) {
      const r = state.bestRoom(e, s, random);
      if (s === old && r === oldRoom) continue;
      const after = state.hard + state.addCost(e, s, r);
      if (tabu[e * S + s]! > iter && after >= aspiration) continue;
      best.offer(after, e, s, r, -1, random);
    }
    for (const f of m.neighbours[e]!) {
      const sf = state.slot[f]!;
      if (sf < 0 || sf === old || m.events[f]!.length !== ev.length) continue;
      if (!m.startAllowed[e * S + sf] || !m.startAllowed[f * S + old]) continue;
      const rf = state.room[f]!;
      state.remove(f);
      state.add(e, sf, oldRoom);
      const after = state.hard + state.addCost(f, old, rf);
      state.remove(e);
      state.add(f, sf, rf);
      if (tabu[e * S + sf]! > iter && after >= aspiration) continue;
      best.offer(after, e, sf, oldRoom, f, random);
    }
    state.add(e, old, oldRoom);
  }

  /** Tabu search until no hard breach is left, the clock says stop, or (when infeasible) it stagnates. */
  hardPhase(knownInfeasible: boolean): void {
    const { m, random } = this;
    const E = m.events.length;
    const S = m.slots;
    const tabu = new Int32Array(E * S);
    const conflicted: number[] = [];
    let lastImprovement = 0;
    const stagnation = Math.max(20_000, 50 * E);
    const best = new Move();
    this.saveBest(Infinity);
    for (;;) {
      const state = this.state;
      if (state.hard === state.base) break;
      // The list of events in a clash is refreshed now and then, not every move; stale picks are skipped.
      if ((this.iterations & 7) === 0 || conflicted.length === 0) {
        conflicted.length = 0;
        for (let f = 0; f < E; f++) if (state.conflicts(f) > 0) conflicted.push(f);
      }
      if ((this.iterations & 127) === 0 && this.clock.tick(this.progress(E - conflicted.length))) break;
      if (knownInfeasible && this.iterations - lastImprovement > stagnation) break;
      this.iterations++;
      const iter = this.iterations;
      best.reset();
      const all = conflicted.length <= ALL_BELOW;
      for (let k = 0; k < (all ? conflicted.length : SAMPLE); k++) {
        const e = all ? conflicted[k]! : conflicted[random.int(conflicted.length)]!;
        if (state.conflicts(e) > 0) this.bestMoveFor(e, tabu, iter, best);
      }
      if (best.event < 0) {
        conflicted.length = 0;
        continue;
      }
      const e = best.event;
      const old = state.slot[e]!;
      const oldRoom = state.room[e]!;
      const tenure = random.int(10) + Math.floor(TENURE * conflicted.length) + 1;
      state.remove(e);
      if (best.swapWith < 0) {
        state.add(e, best.slot, best.room);
      } else {
        const f = best.swapWith;
        const rf = state.room[f]!;
        state.remove(f);
        state.add(e, best.slot, best.room);
        state.add(f, old, rf);
        tabu[f * S + best.slot] = iter + tenure;
      }
      tabu[e * S + old] = iter + tenure;
      if (oldRoom !== best.room && old === best.slot) tabu[e * S + old] = 0;
      if (state.hard < this.bestHard) {
        this.saveBest(Infinity);
        lastImprovement = iter;
      }
    }
  }

  /** Simulated annealing on the soft score, never letting a hard breach in. */
  softPhase(): void {
    const { m, random } = this;
    const E = m.events.length;
    if (E === 0) return;
    const state = this.state;
    let soft = state.softTotal();
    this.saveBest(soft);
    const budget = Math.min(5_000_000, Math.max(50_000, 1500 * E));
    const hot = 2;
    const cold = 0.05;
    const stamp = new Int32Array(Math.max(m.teacherCount, m.subjectKeyCount));
    const keyStamp = new Int32Array(Math.max(1, m.subjectKeyCount));
    let mark = 0;
    const teachers: number[] = [];
    const keys: number[] = [];
    const collect = (e: number): void => {
      for (const t of m.events[e]!.teachers) {
        if (stamp[t] !== mark) {
          stamp[t] = mark;
          teachers.push(t);
        }
      }
      for (const k of m.events[e]!.subjectKeys) {
        if (keyStamp[k] !== mark) {
          keyStamp[k] = mark;
          keys.push(k);
        }
      }
    };
    const local = (): number => {
      let total = 0;
      for (const t of teachers) total += state.teacherSoft(t);
      for (const k of keys) total += state.subjectSoft(k);
      return total;
    };
    for (let i = 0; i < budget && soft > 0; i++) {
      if ((i & 255) === 0 && this.clock.tick(this.progress(E, soft))) break;
      this.iterations++;
      const temperature = hot * Math.pow(cold / hot, i / budget);
      const e = random.int(E);
      const ev = m.events[e]!;
      const old = state.slot[e]!;
      const oldRoom = state.room[e]!;
      mark++;
      teachers.length = 0;
      keys.length = 0;
      collect(e);
      let f = -1;
      if (random.next() < 0.5) {
        const partners = m.neighbours[e]!;
        if (partners.length === 0) continue;
        f = partners[random.int(partners.length)]!;
        const sf = state.slot[f]!;
        if (m.events[f]!.length !== ev.length || sf === old) continue;
        if (!m.startAllowed[e * m.slots + sf] || !m.startAllowed[f * m.slots + old]) continue;
        collect(f);
      }
      const before = local();
      let rf = -1;
      let sf = -1;
      if (f < 0) {
        const s = ev.starts[random.int(ev.starts.length)]!;
        state.remove(e);
        state.add(e, s, state.bestRoom(e, s, random));
      } else {
        sf = state.slot[f]!;
        rf = state.room[f]!;
        state.remove(e);
        state.remove(f);
        state.add(e, sf, oldRoom);
        state.add(f, old, rf);
      }
      const delta = state.hard > state.base ? Infinity : local() - before;
      if (delta <= 0 || random.next() < Math.exp(-delta / temperature)) {
        soft += delta;
        if (soft < this.bestSoft) this.saveBest(soft);
        continue;
      }
      state.remove(e);
      if (f >= 0) {
        state.remove(f);
        state.add(f, sf, rf);
      }
      state.add(e, old, oldRoom);
    }
  }

  /** Back to the best timetable seen. */
  restoreBest(): void {
    this.state = new State(this.m);
    for (let e = 0; e < this.m.events.length; e++) {
      if (this.bestSlot[e]! >= 0) this.state.add(e, this.bestSlot[e]!, this.bestRoom[e]!);
    }
  }

  /** Takes out events until no hard breach is left (the most harmful first), then puts back what fits. */
  repair(): number[] {
    const { m, state } = this;
    const out: number[] = [];
    while (state.hard > state.base) {
      let pick = -1;
      let pickGain = -Infinity;
      let pickConflicts = 0;
      for (let e = 0; e < m.events.length; e++) {
        const n = state.conflicts(e);
        if (n === 0) continue;
        const s = state.slot[e]!;
        const r = state.room[e]!;
        const gain = -state.remove(e);
        state.add(e, s, r);
        if (gain > pickGain || (gain === pickGain && n > pickConflicts)) {
          pick = e;
          pickGain = gain;
          pickConflicts = n;
        }
      }
      if (pick < 0) break;
      state.remove(pick);
      out.push(pick);
    }
    const left: number[] = [];
    for (const e of out) {
      let done = false;
      for (const s of m.events[e]!.starts) {
        const r = state.bestRoom(e, s, this.random);
        if (state.addCost(e, s, r) === 0) {
          state.add(e, s, r);
          done = true;
          break;
        }
      }
      if (!done) left.push(e);
    }
    return left;
  }
}

export function solveTimetable(problem: TimetableProblem, options: SolveOptions): TimetableSolution {
  const clock = new Clock(options);
  const model = buildModel(problem);
  const pre = precheck(model);
  const random = createRandom(options.seed);
  const totalGroups = model.events.length + model.impossible.length;
  const search = new Search(model, random, clock, totalGroups);
  search.construct();
  search.hardPhase(pre.issues.length > 0);
  if (search.state.hard === search.state.base) search.softPhase();
  search.restoreBest();
  const left = search.repair();
  const state = search.state;

  const unplaced: Unplaced[] = [...model.impossible];
  for (const e of left) {
    const ev = model.events[e]!;
    unplaced.push({
      lessonId: problem.lessons[ev.lesson]!.id,
      group: ev.group,
      reason: unplacedReason(model, pre, state, e),
    });
  }
  let placements = toPlacements(model, state);
  // The independent checker has the last word: should the bookkeeping ever disagree with it, the offending
  // placements are dropped (reported as unplaced) rather than returned.
  if (checkTimetable(problem, placements, { complete: false }).length > 0) {
    placements = keepCheckedOnly(problem, placements, unplaced);
  }
  unplaced.sort((a, b) => (a.lessonId < b.lessonId ? -1 : a.lessonId > b.lessonId ? 1 : a.group - b.group));
  const result: TimetableSolution = {
    placements,
    unplaced,
    hardViolations: checkTimetable(problem, placements, { complete: false }).length,
    soft: softScore(problem, placements),
    elapsedMs: Math.round(clock.elapsed()),
    iterations: search.iterations,
    seed: options.seed,
  };
  options.onProgress?.({
    placedGroups: placements.length,
    totalGroups,
    hardViolations: result.hardViolations,
    softTotal: result.soft.total,
    elapsedMs: result.elapsedMs,
  });
  return result;
}

function toPlacements(model: Model, state: State): Placement[] {
  const out: Placement[] = [];
  model.events.forEach((ev, e) => {
    const s = state.slot[e]!;
    if (s < 0) return;
    const r = state.room[e]!;
    out.push({
      lessonId: model.problem.lessons[ev.lesson]!.id,
      group: ev.group,
      slot: s,
      length: ev.length,
      roomId: r >= 0 ? model.problem.rooms[r]!.id : null,
    });
  });
  return out;
}

function keepCheckedOnly(
  problem: TimetableProblem,
  placements: Placement[],
  unplaced: Unplaced[],
): Placement[] {
  const kept: Placement[] = [];
  for (const p of placements) {
    kept.push(p);
    if (checkTimetable(problem, kept, { complete: false }).length > 0) {
      kept.pop();
      unplaced.push({
        lessonId: p.lessonId,
        group: p.group,
        reason: 'it breaks a hard constraint (internal check)',
      });
    }
  }
  return kept;
}
