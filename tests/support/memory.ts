// The growth of this process's resident memory while `run` runs: sampled every millisecond, and
// the kernel's own peak (getrusage's maxrss) when `run` set a new one, which catches a spike
// between two samples.
const MiB = 1024 * 1024;

export async function rssGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  const baseline = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 1);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    const peakAfter = process.resourceUsage().maxRSS * 1024;
    if (peakAfter > peakBefore) peak = Math.max(peak, peakAfter);
    return { result, growthMiB: (peak - baseline) / MiB };
  } finally {
    clearInterval(timer);
  }
}
