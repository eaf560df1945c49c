/** The few parts of autocannon's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  interface Histogram { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p97_5: number; p99: number }
  interface Result { latency: Histogram; requests: Histogram & { total: number }; throughput: Histogram; errors: number; timeouts: number; non2xx: number; duration: number }
  interface Options { url: string; connections?: number; duration?: number; amount?: number; pipelining?: number; headers?: Record<string, string> }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
