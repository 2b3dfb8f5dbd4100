// The Node.js options of the portal's server process (npm start, the benchmark).

/**
 * The server's old-generation heap, in MiB, unless NODE_OPTIONS sets one. V8 otherwise sizes it from
 * the machine's memory (some 4 GiB here) and grows it lazily: the server's RSS climbed to nearly 1 GiB
 * under the benchmark with a live heap of about 100 MiB (README, "Benchmark"). Bounded, it collects
 * sooner and stays near its working set.
 */
export const SERVER_HEAP_MB = 320;
/**
 * The young generation's semi-space, in MiB, unless NODE_OPTIONS sets one. A page render leaves
 * megabytes of short-lived objects; with V8's default (16) and the bounded heap, 50 concurrent
 * renders spent their time in scavenges and promoted garbage into the old generation: the public
 * register at 50 users served about a third less (measured A/B, same build and load).
 */
export const SERVER_SEMI_SPACE_MB = 32;

export function serverNodeOptions(current = "") {
  const flags = [current];
  if (!/--max-old-space-size/.test(current)) flags.push(`--max-old-space-size=${SERVER_HEAP_MB}`);
  if (!/--max-semi-space-size/.test(current)) flags.push(`--max-semi-space-size=${SERVER_SEMI_SPACE_MB}`);
  return flags.join(" ").trim();
}
