// Keeps a lint worker's heap near what it holds. A file's tree is garbage once the file is done,
// but V8 lets a worker's old generation grow to several times what is live before collecting it
// (about 240 MiB per worker against 40 MiB live on the TypeScript corpus): two workers and the
// main thread peaked over 600 MiB. A full collection whenever the heap has grown HEADROOM_MB past
// what the last one left brings the peak to about 430 MiB for about 5% more CPU.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const HEADROOM_MB = 64;

/**
 * A function to call between files (or batches of results): collects garbage when the heap has
 * grown `headroomMb` since the last time. `collectNow`: collect first, so the garbage of what the
 * thread did before (discovering 20,000 files) does not set the first limit.
 */
export function heapTrimmer(headroomMb = HEADROOM_MB, collectNow = false): () => void {
  v8.setFlagsFromString('--expose-gc');
  // Only a context made after the flag is set gets `gc`; this thread's own globals stay as they were.
  const gc = vm.runInNewContext('gc') as () => void;
  const headroom = headroomMb * 2 ** 20;
  if (collectNow) gc();
  let limit = v8.getHeapStatistics().used_heap_size + headroom;
  return () => {
    if (v8.getHeapStatistics().used_heap_size < limit) return;
    gc();
    limit = v8.getHeapStatistics().used_heap_size + headroom;
  };
}

/**
 * The V8 heaps of this process grow 30% past what a collection leaves before the next, instead of
 * V8's own factor (up to 4× for a heap that collects as fast as a lint worker's): for a CLI run
 * in worker threads: TS corpus peak RSS 487-526 -> 425-436 MiB with CPU the same (alternated
 * runs). And the isolates made from now on (the lint workers) optimize code on their own thread
 * instead of V8's background threads, whose malloc arenas each kept what a compile had used: JS
 * corpus 397-424 -> 384-414 MiB, CPU the same (4 alternated pairs; set on the command line, for
 * the main thread too, 20-50 MiB). V8's flags are the process's, so the editor's server, whose
 * main thread answers edits, does not set them.
 */
export function tightenHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=30');
  v8.setFlagsFromString('--no-concurrent-recompilation');
}
