// docs/configuration.md, rendered from the knob catalogue (lib/knobs/catalogue.ts). Pure: `npm run docs` writes
// the result, and a spec fails when the committed page differs from it, so the page cannot drift from the code.
import {
  KNOB_GROUPS,
  KNOBS,
  type KnobEntry,
  type KnobGroup,
  OPT_OUT_VALUE,
} from '../../../lib/knobs/catalogue.ts';
import { markdownTable } from '../../../lib/summary/markdown.ts';

export const CONFIGURATION_PAGE = 'docs/configuration.md';

const names = (entries: readonly KnobEntry[]) => entries.map((entry) => `\`${entry.name}\``).join(', ');
const withEmptyMeaning = names(KNOBS.filter((entry: KnobEntry) => entry.empty !== undefined));
const optOuts = KNOBS.filter((entry: KnobEntry) => entry.optOut !== undefined)
  .map((entry) => `\`${entry.name}=${OPT_OUT_VALUE}\``)
  .join(' and ');

const INTRO = `# Configuration

<!-- Generated from lib/knobs/catalogue.ts by \`npm run docs\`: edit the catalogue, then run it. -->

Every setting is an environment variable. k6 takes it from \`-e NAME=value\` or from its own environment
(\`k6 run\` reads the environment); the Node commands (\`npm start\`, \`npm run contract\`, the drill, the soak)
read their environment and hand the suite's settings on to k6. Every value is checked before any load: a bad
one stops k6 in init with a message naming the variable (exit 107).

- **Empty counts as unset** (\`-e NAME=\`), except for ${withEmptyMeaning}: for these an empty value
  is a statement of its own ("none"), said in its row.
- **Opt-outs.** A criterion that cannot run because a setting is unset is NOT RUN and fails the gate.
  ${optOuts} (exactly \`${OPT_OUT_VALUE}\`) opt out of those criteria by name; every report lists
  the opt-outs.
- **Secrets** are read at run time only, from a k6 secret source (\`--secret-source=file=secrets.env\`) or the
  environment, and never printed; \`npm run k8s\` takes them from a Kubernetes Secret, never from a manifest.
- **k6-operator.** \`npm run k8s\` forwards every setting set in your environment, empty values included,
  except the Node-side ones; it sets \`RUN_ID\` and the split itself ([k6-operator.md](k6-operator.md)).
`;

/** GitHub's anchor for a heading. */
export function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

/** A table cell: pipes would end the cell, line breaks the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function meaningCell(entry: KnobEntry): string {
  const parts = [entry.meaning];
  if (entry.empty !== undefined) parts.push(`**Empty:** ${entry.empty}.`);
  if (entry.optOut !== undefined) parts.push(`**\`${OPT_OUT_VALUE}\`:** ${entry.optOut}.`);
  if (entry.secret) parts.push('**Secret.**');
  return cell(parts.join(' '));
}

function groupSection(group: KnobGroup): string {
  const { title, intro } = KNOB_GROUPS[group];
  const rows = KNOBS.filter((entry) => entry.group === group).map((entry: KnobEntry) => [
    `\`${entry.name}\``,
    cell(entry.default),
    meaningCell(entry),
  ]);
  return [`## ${title}`, '', intro, '', markdownTable(['setting', 'default', 'meaning'], rows), ''].join(
    '\n',
  );
}

export function renderConfigurationPage(): string {
  const groups = Object.keys(KNOB_GROUPS) as KnobGroup[];
  const contents = groups.map(
    (group) => `- [${KNOB_GROUPS[group].title}](#${anchor(KNOB_GROUPS[group].title)})`,
  );
  return [INTRO, ...contents, '', ...groups.map(groupSection)].join('\n');
}
