// The Node.js options of the portal's server process (npm start, the benchmark).

/**
 * The server's old-generation heap, in MiB, unless NODE_OPTIONS sets one. V8 otherwise sizes it from
 * the machine's memory (some 4 GiB here) and grows it lazily: the server's RSS climbed to nearly 1 GiB
 * under the benchmark with a live heap of about 100 MiB (README, "Benchmark"). Bounded, it collects
 * sooner and stays near its working set.
 */
export const SERVER_HEAP_MB = 320;
export function serverNodeOptions(current = "") {
  return /--max-old-space-size/.test(current) ? current : `${current} --max-old-space-size=${SERVER_HEAP_MB}`.trim();
}
