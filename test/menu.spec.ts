import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TeamsActivity } from './support/activities';
import { startTestBot, type TestBot } from './support/test-bot';

const ROOT = path.resolve(__dirname, '..');
const NOT_UNDERSTOOD = [
  'Das habe ich leider nicht verstanden. Schreiben Sie „hilfe“, dann zeige ich Ihnen, was ich kann.',
  'Sorry, I did not understand that. Write “help” and I will show you what I can do.',
];

type Scope = 'personal' | 'team' | 'groupChat';

/** Every command of the manifest's menus, per scope, in German (manifest.json) and English (en.json). */
function menuCommands(): { scope: Scope; title: string; locale: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest/manifest.json'), 'utf8')) as { bots: { commandLists: { scopes: Scope[]; commands: { title: string }[] }[] }[] };
  const english = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest/en.json'), 'utf8')) as Record<string, string>;
  return manifest.bots[0]!.commandLists.flatMap((list, i) =>
    list.scopes.flatMap((scope) =>
      list.commands.flatMap((command, j) => [
        { scope, title: command.title, locale: 'de-DE' },
        { scope, title: english[`bots[0].commandLists[${i}].commands[${j}].title`]!, locale: 'en-US' },
      ]),
    ),
  );
}

/** The section of the README under a `## ` heading. */
function readmeSection(heading: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The first `columns` cells of the rows of a section's first table (header and separator left out). */
function tableCells(section: string, columns: number): string[] {
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines
    .slice(start, end < 0 ? undefined : end)
    .filter((line) => !/^\|\s*-/.test(line))
    .slice(1)
    .flatMap((line) => line.split('|').slice(1, 1 + columns));
}

/**
 * The example questions and commands the README gives users: quoted in the first column of "Asking Kümmerer",
 * as code in the first two columns of the tables of the features' sections.
 */
function readmeExamples(): string[] {
  const quoted = tableCells(readmeSection('Asking Kümmerer'), 1).flatMap((cell) => [...cell.matchAll(/[„"]([^“"]+)[“"]/g)].map((m) => m[1]!));
  const commands = ['Check-ins', 'Meetings and agenda', 'Trend notes', 'Broadcasts', 'Funding radar', 'Strategy report and public project list'].flatMap((section) =>
    tableCells(readmeSection(section), 2).flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)),
  );
  return [...quoted, ...commands];
}

describe('the menu and the README examples', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot.close();
  });

  function activity(scope: Scope, text: string, locale: string): TeamsActivity {
    if (scope === 'team') return bot.teams.channelMessage(text, { locale });
    if (scope === 'groupChat') return bot.teams.groupChatMessage(text, { locale });
    return bot.teams.personalMessage(text, { locale });
  }

  it('offers at most 10 commands per scope, as Teams allows', () => {
    const perScope = new Map<string, number>();
    for (const { scope, locale } of menuCommands()) if (locale === 'de-DE') perScope.set(scope, (perScope.get(scope) ?? 0) + 1);
    assert.deepEqual([...perScope.keys()].sort(), ['groupChat', 'personal', 'team']);
    for (const [scope, count] of perScope) assert.ok(count <= 10, `${scope}: ${count} commands`);
  });

  it('understands every command of the menu as it is inserted, in both languages and every scope', async () => {
    for (const { scope, title, locale } of menuCommands()) {
      const reply = await bot.reply(activity(scope, title, locale));
      assert.ok(reply.text || reply.attachments, `${scope} "${title}": no answer`);
      assert.ok(!NOT_UNDERSTOOD.includes(reply.text), `${scope} "${title}" (${locale}) was not understood`);
    }
  });

  it("understands every example of the README's tables", async () => {
    const examples = readmeExamples();
    assert.ok(examples.length >= 20, `only ${examples.length} examples found in the README`);
    for (const example of examples) {
      const inChannel = example.startsWith('@Kümmerer ');
      const text = inChannel ? example.slice('@Kümmerer '.length) : example;
      const reply = await bot.reply(activity(inChannel ? 'team' : 'personal', text, /^[\x20-\x7e]*$/.test(text) && !/ä|ö|ü/.test(text) ? 'en-US' : 'de-DE'));
      assert.ok(!NOT_UNDERSTOOD.includes(reply.text), `README example "${example}" was not understood`);
    }
  });
});
