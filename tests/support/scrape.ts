/** Scrapes a Prometheus endpoint over real HTTP and reads samples from the parsed exposition text. */
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';

export interface Scrape {
  families: PrometheusFamily[];
  /** The family, if exposed. */
  family(name: string): PrometheusFamily | undefined;
  /** Names of the families exposed as histograms (their samples are read as `<name>_count`, `<name>_bucket`, `<name>_sum`). */
  histograms: Set<string>;
  /** Sum of the values of the samples whose labels include `labels`; 0 when none. */
  value(name: string, labels?: Record<string, string>): number;
}

export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`scrape of ${url} answered ${response.status}`);
  const text = await response.text();
  // The parser folds a labelled histogram's series into one unlabelled sample; read as untyped, each series keeps its labels.
  const histograms = new Set([...text.matchAll(/^# TYPE (\S+) histogram$/gm)].map((match) => match[1]!));
  const families = parsePrometheusTextFormat(text.replace(/^(# TYPE \S+) histogram$/gm, '$1 untyped'));
  const family = (name: string) => families.find((candidate) => candidate.name === name);
  return {
    families,
    histograms,
    family,
    value(name, labels = {}) {
      // A name may come back as several families when series of different label sets interleave.
      const samples = families.filter((candidate) => candidate.name === name).flatMap((candidate) => candidate.metrics);
      return samples
        .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value))
        .reduce((sum, sample) => sum + Number(sample.value ?? 0), 0);
    },
  };
}
