// The solver's incremental bookkeeping: where each event is, and how busy each teacher, class and room is in
// each slot, kept so that moving one event costs a few array updates. `hard` is the number of hard-constraint
// breaches (clashes, daily/weekly limits, groups of a lesson on one day); unavailability and block shapes are
// never breached because events only take starts from their static domain.
import { SOFT_WEIGHTS } from './checker';
import type { Model } from './model';
import type { Random } from './random';

export class State {
  readonly slot: Int32Array;
  readonly room: Int32Array;
  private readonly occT: Int16Array;
  private readonly occC: Int16Array;
  private readonly occR: Int16Array;
  private readonly tDay: Int16Array;
  private readonly tDays: Int16Array;
  private readonly lDay: Int16Array;
  private readonly sDay: Int16Array;
  /** Breaches counted now, and those the kept entries cause among themselves (not ours to fix). */
  hard = 0;
  readonly base: number;

  constructor(private readonly m: Model) {
    const E = m.events.length;
    this.slot = new Int32Array(E).fill(-1);
    this.room = new Int32Array(E).fill(-1);
    this.occT = Int16Array.from(m.fixedTeacher);
    this.occC = Int16Array.from(m.fixedClass);
    this.occR = Int16Array.from(m.fixedRoom);
    this.lDay = Int16Array.from(m.fixedLessonDay);
    this.sDay = Int16Array.from(m.fixedSubjectDay);
    this.tDay = new Int16Array(m.teacherCount * m.days);
    this.tDays = new Int16Array(m.teacherCount);
    let base = 0;
    for (const occ of [this.occT, this.occC, this.occR]) for (const n of occ) base += Math.max(0, n - 1);
    for (let t = 0; t < m.teacherCount; t++) {
      for (let s = 0; s < m.slots; s++)
        this.tDay[t * m.days + Math.floor(s / m.ppd)]! += this.occT[t * m.slots + s]!;
      for (let d = 0; d < m.days; d++) {
        const load = this.tDay[t * m.days + d]!;
        if (load > 0) this.tDays[t]! += 1;
        base += Math.max(0, load - m.maxPerDay[t]!);
      }
      base += Math.max(0, this.tDays[t]! - m.maxDays[t]!);
    }
    this.lDay.forEach((n, i) => {
      base += Math.max(0, n - m.lessonCap[Math.floor(i / m.days)]!);
    });
    this.hard = base;
    this.base = base;
  }

  /** Places event e at start s in room r (-1 = none); returns the change in `hard`. */
  add(e: number, s: number, r: number): number {
    const d = this.addCost(e, s, r);
    this.occupy(e, s, r, 1);
    this.slot[e] = s;
    this.room[e] = r;
    this.hard += d;
    return d;
  }

  /** Takes event e out; returns the change in `hard` (what putting it back would cost, negated). */
  remove(e: number): number {
    const s = this.slot[e]!;
    const r = this.room[e]!;
    this.occupy(e, s, r, -1);
    this.slot[e] = -1;
    this.room[e] = -1;
    const d = -this.addCost(e, s, r);
    this.hard += d;
    return d;
  }

  /** Counts event e in (+1) or out (-1) of every tally it touches. */
  private occupy(e: number, s: number, r: number, sign: 1 | -1): void {
    const { m } = this;
    const ev = m.events[e]!;
    const S = m.slots;
    const day = Math.floor(s / m.ppd);
    for (let p = s; p < s + ev.length; p++) {
      for (const t of ev.teachers) this.occT[t * S + p]! += sign;
      for (const c of ev.classes) this.occC[c * S + p]! += sign;
      if (r >= 0) this.occR[r * S + p]! += sign;
    }
    for (const t of ev.teachers) {
      const i = t * m.days + day;
      const old = this.tDay[i]!;
      this.tDay[i] = old + sign * ev.length;
      if (old === 0) this.tDays[t]! += 1;
      else if (this.tDay[i] === 0) this.tDays[t]! -= 1;
    }
    this.lDay[ev.lesson * m.days + day]! += sign;
    for (const k of ev.subjectKeys) this.sDay[k * m.days + day]! += sign;
  }

  /** What `add(e, s, r)` would change `hard` by, without doing it (e must be out). */
  addCost(e: number, s: number, r: number): number {
    const { m } = this;
    const ev = m.events[e]!;
    const S = m.slots;
    const day = Math.floor(s / m.ppd);
    let d = 0;
    for (let p = s; p < s + ev.length; p++) {
      for (const t of ev.teachers) if (this.occT[t * S + p]! >= 1) d++;
      for (const c of ev.classes) if (this.occC[c * S + p]! >= 1) d++;
      if (r >= 0 && this.occR[r * S + p]! >= 1) d++;
    }
    for (const t of ev.teachers) {
      const old = this.tDay[t * m.days + day]!;
      const max = m.maxPerDay[t]!;
      d += Math.max(0, old + ev.length - max) - Math.max(0, old - max);
      if (old === 0 && this.tDays[t]! + 1 > m.maxDays[t]!) d++;
    }
    if (this.lDay[ev.lesson * m.days + day]! >= m.lessonCap[ev.lesson]!) d++;
    return d;
  }

  /** How many breaches event e takes part in where it is (0 = it is fine there). */
  conflicts(e: number): number {
    const { m } = this;
    const s = this.slot[e]!;
    if (s < 0) return 0;
    const ev = m.events[e]!;
    const r = this.room[e]!;
    const S = m.slots;
    const day = Math.floor(s / m.ppd);
    let n = 0;
    for (let p = s; p < s + ev.length; p++) {
      for (const t of ev.teachers) if (this.occT[t * S + p]! > 1) n++;
      for (const c of ev.classes) if (this.occC[c * S + p]! > 1) n++;
      if (r >= 0 && this.occR[r * S + p]! > 1) n++;
    }
    for (const t of ev.teachers) {
      if (this.tDay[t * m.days + day]! > m.maxPerDay[t]!) n++;
      if (this.tDays[t]! > m.maxDays[t]!) n++;
    }
    if (this.lDay[ev.lesson * m.days + day]! > m.lessonCap[ev.lesson]!) n++;
    return n;
  }

  /** The allowed room with the fewest clashes for event e at start s (-1 when it takes none); ties at random. */
  bestRoom(e: number, s: number, random: Random): number {
    const ev = this.m.events[e]!;
    const rooms = ev.rooms;
    if (rooms.length === 0) return -1;
    const S = this.m.slots;
    const offset = rooms.length > 1 ? random.int(rooms.length) : 0;
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < rooms.length; i++) {
      const r = rooms[(i + offset) % rooms.length]!;
      let cost = 0;
      for (let p = s; p < s + ev.length; p++) if (this.occR[r * S + p]! >= 1) cost++;
      if (cost < bestCost) {
        bestCost = cost;
        best = r;
        if (cost === 0) break;
      }
    }
    return best;
  }

  /** Whether a teacher may take one more day / the periods of event e on day `day` (limits only). */
  teacherBusyReason(t: number, s: number, length: number): 'busy' | 'day-limit' | 'week-limit' | null {
    const { m } = this;
    for (let p = s; p < s + length; p++) if (this.occT[t * m.slots + p]! > 0) return 'busy';
    const load = this.tDay[t * m.days + Math.floor(s / m.ppd)]!;
    if (load + length > m.maxPerDay[t]!) return 'day-limit';
    if (load === 0 && this.tDays[t]! + 1 > m.maxDays[t]!) return 'week-limit';
    return null;
  }

  classBusy(c: number, s: number, length: number): boolean {
    for (let p = s; p < s + length; p++) if (this.occC[c * this.m.slots + p]! > 0) return true;
    return false;
  }

  roomBusy(r: number, s: number, length: number): boolean {
    for (let p = s; p < s + length; p++) if (this.occR[r * this.m.slots + p]! > 0) return true;
    return false;
  }

  lessonDayFull(e: number, s: number): boolean {
    const ev = this.m.events[e]!;
    return this.lDay[ev.lesson * this.m.days + Math.floor(s / this.m.ppd)]! >= this.m.lessonCap[ev.lesson]!;
  }

  /** Whether one of event e's classes already has its subject as often as allowed on the day of start s. */
  subjectDayFull(e: number, s: number): boolean {
    const { m } = this;
    const day = Math.floor(s / m.ppd);
    return m.events[e]!.subjectKeys.some((k) => this.sDay[k * m.days + day]! >= m.subjectCap[k]!);
  }

  /** A teacher's idle gaps plus the spread of their daily loads (the soft goals about teachers). */
  teacherSoft(t: number): number {
    const { m } = this;
    let gaps = 0;
    let most = 0;
    let least = Infinity;
    for (let d = 0; d < m.days; d++) {
      let first = -1;
      let last = -1;
      let load = 0;
      const base = t * m.slots + d * m.ppd;
      for (let p = 0; p < m.ppd; p++) {
        if (this.occT[base + p]! > 0) {
          if (first < 0) first = p;
          last = p;
          load++;
        }
      }
      if (load > 0) {
        gaps += last - first + 1 - load;
        if (load > most) most = load;
        if (load < least) least = load;
      }
    }
    return SOFT_WEIGHTS.teacherGaps * gaps + (most > 0 ? SOFT_WEIGHTS.loadImbalance * (most - least) : 0);
  }

  /** A class's same subject on one day beyond what its groups force, over the week. */
  subjectSoft(k: number): number {
    const { m } = this;
    let n = 0;
    for (let d = 0; d < m.days; d++) n += Math.max(0, this.sDay[k * m.days + d]! - m.subjectCap[k]!);
    return SOFT_WEIGHTS.sameSubjectSameDay * n;
  }

  softTotal(): number {
    let total = 0;
    for (let t = 0; t < this.m.teacherCount; t++) total += this.teacherSoft(t);
    for (let k = 0; k < this.m.subjectKeyCount; k++) total += this.subjectSoft(k);
    return total;
  }
}
