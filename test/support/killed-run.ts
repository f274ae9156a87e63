// Killing `koe run` as an operator's reboot would: a child process SIGKILLed once its progress on stderr says so.
// Shared by the kill-and-resume tests (test/pipeline/killed-run.test.ts, themes-during-run.test.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Recurring issues in both languages: each test adds a varying tail so theme discovery has something to find. */
export const RECURRING_OPENINGS = [
  'ログインできません、パスワードを入れてもエラーになります',
  '注文した商品がまだ届きません、配送が遅いです',
  'The app crashes on checkout every time I pay',
  'Please add dark mode to the app',
  '返金をお願いします、二重に請求されました',
  'Support was very helpful and answered quickly',
];

/** Starts `koe run ARGS` (with --progress) in a child process and SIGKILLs it as soon as `killWhen` matches its stderr. */
export function runAndKill(args: readonly string[], killWhen: (stderr: string) => boolean): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'run', '--progress', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killWhen(stderr)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });
}

/** Documents analyzed so far, by the last progress line on stderr. */
export function analyzedSoFar(stderr: string): number {
  const all = [...stderr.matchAll(/analyzed (\d[\d,]*)/g)];
  return all.length === 0 ? 0 : Number(all.at(-1)![1]!.replace(/,/g, ''));
}
