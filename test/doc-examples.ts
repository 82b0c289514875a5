// The code examples of a rule's docs page (```ts incorrect / ```ts correct fences, with an
// optional filename=…): the docs test lints each, and the speed-ups test lints them all.

const FENCE = /^```(\w+) (incorrect|correct)((?: [\w-]+=\S+)*)\n([\s\S]*?)^```$/gm;
const DEFAULT_FILE: Record<string, string> = {
  ts: 'src/example.ts', js: 'src/example.js', json: 'package.json', dockerfile: 'Dockerfile', procfile: 'Procfile',
};

export interface Example {
  kind: 'incorrect' | 'correct';
  filename: string;
  code: string;
  line: number;
}

export function docExamples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const m of markdown.matchAll(FENCE)) {
    const attrs = Object.fromEntries([...m[3].matchAll(/([\w-]+)=(\S+)/g)].map((a) => [a[1], a[2]]));
    out.push({
      kind: m[2] as Example['kind'],
      filename: attrs.filename ?? DEFAULT_FILE[m[1]] ?? `src/example.${m[1]}`,
      code: m[4],
      line: markdown.slice(0, m.index).split('\n').length,
    });
  }
  return out;
}
