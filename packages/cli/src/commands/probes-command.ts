import type { Command } from 'commander';
import { selectorFor, type ProbeInfo } from '@imxflash/core';
import type { CommandContext } from '../context.js';
import { formatTable } from '../render/table.js';
import { resolveBoard } from './board-options.js';
import { listAll } from './device-session.js';
import { driverExtras } from '../composition/driver-extras.js';

const hex4 = (n: number | undefined) => (n === undefined ? '' : n.toString(16).padStart(4, '0'));

export function registerProbesCommand(program: Command, contextFor: (cmd: Command) => CommandContext): void {
  program
    .command('probes')
    .description('list every probe every driver sees (and J-Link installations), with the --probe selector for each')
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      const { openDeviceEnvironment } = await import('../composition/device-environment.js');
      const env = await openDeviceEnvironment(ctx, board, {}, { everySimProbe: true });
      try {
        const probes = await listAll(ctx, env);
        const extras = await driverExtras(env.drivers, board);
        if (ctx.json) {
          ctx.result({
            ok: true,
            command: 'probes',
            sim: ctx.settings.sim,
            drivers: env.drivers.map((d) => d.name),
            unavailable: env.unavailable,
            probes: probes.map((p) => ({ ...p, selector: selectorFor(p) })),
            installations: extras.installations,
          });
          return;
        }
        if (probes.length === 0) ctx.say('no probes found');
        else {
          ctx.say(
            formatTable(
              [['selector', 'driver', 'description', 'serial', 'usb', 'access'], ...probes.map((p: ProbeInfo) => [
                selectorFor(p),
                p.driver,
                p.description,
                p.serial ?? '',
                p.vid !== undefined ? `${hex4(p.vid)}:${hex4(p.pid)}` : '',
                p.access === 'ok' ? ctx.style.green('ok') : ctx.style.red(p.access),
              ])],
              '',
            ),
          );
          for (const p of probes) if (p.access !== 'ok' && p.accessHint) ctx.say(`${ctx.style.dim('hint:')} ${selectorFor(p)}: ${p.accessHint}`);
        }
        for (const i of extras.installations) {
          ctx.say(`J-Link ${i.version} at ${i.path}${i.knownIssues.length > 0 ? ctx.style.yellow(` — known issues: ${i.knownIssues.join('; ')}`) : ''}`);
        }
        for (const u of env.unavailable) ctx.note(`note: ${u.id}: ${u.reason}`);
      } finally {
        await env.close({ save: false });
      }
    });
}
