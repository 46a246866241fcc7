/**
 * The app's own process (the station, the desktop app's main process) collects its heap in one pause rather
 * than in steps between calls: V8's incremental marking is off. Reading a 1 MB file allocates a few megabytes
 * of buffers, and V8 begins a full collection every ten or so such reads; done in steps, each collection's
 * 15–20 ms of marking ran inside the calls being served. In one pause it costs a few milliseconds for this
 * process's heap. npm run bench:school -- --reuse at a tenth of a year, before → after: a 1 MB file through
 * the station p50 19–23 → 12–19 ms, p95 42–56 → 29–36 ms; the lists 0.3–1 ms faster; 20 clients unchanged.
 *
 * Imported first by the entry points, so the flag is set before the app's modules load (V8 reads it each time
 * it decides how to collect).
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--no-incremental-marking');
