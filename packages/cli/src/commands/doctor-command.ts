import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ImxflashError, SERIAL_BINDING } from '@imxflash/core';
import type { DependencyContainer } from 'tsyringe';
import { driverExtras } from '../composition/driver-extras.js';
import type { CommandContext } from '../context.js';
import { checkFlashloader, checkSystemLibraries, checkUdev, type DoctorCheck } from '../doctor/doctor-checks.js';
import { udevInstallCommand, udevRules } from '../doctor/udev-rules.js';
import { resolveBoard } from './board-options.js';
import { listAll } from './device-session.js';

export function registerDoctorCommand(program: Command, contextFor: (cmd: Command) => CommandContext): void {
  program
    .command('doctor')
    .description('check what each driver needs (udev rules, libusb, J-Link installs and their known issues, the flashloader, serial ports) and say how to fix it')
    .option('--write-udev <file>', 'write the udev rules file for the ROM, the flashloader and CMSIS-DAP probes')
    .option('--print-udev', 'print the udev rules file')
    .action(async (o: { writeUdev?: string; printUdev?: boolean }, cmd: Command) => {
      const ctx = contextFor(cmd);
      const board = resolveBoard(ctx.settings);
      if (o.printUdev) {
        ctx.io.stdout.write(udevRules());
        return;
      }
      const platform = ctx.io.platform;
      if (o.writeUdev) {
        try {
          writeFileSync(resolve(ctx.io.cwd, o.writeUdev), udevRules());
        } catch (cause) {
          throw new ImxflashError('OUTPUT_WRITE_FAILED', `cannot write ${o.writeUdev}: ${(cause as Error).message}`, { hint: 'Check that the folder exists and is writable.', cause });
        }
        ctx.note(`wrote ${o.writeUdev}; install it with:\n  ${udevInstallCommand(o.writeUdev)}`);
      }

      const checks: DoctorCheck[] = [...checkUdev(platform, o.writeUdev), ...checkSystemLibraries(platform), checkFlashloader(ctx.settings.flashloader)];
      const { openDeviceEnvironment } = await import('../composition/device-environment.js');
      const env = await openDeviceEnvironment(ctx, board, {}, { everySimProbe: true });
      try {
        for (const d of env.drivers) checks.push({ id: `driver-${d.name}`, for: d.name, status: 'ok', text: `driver ${d.name}: available` });
        for (const u of env.unavailable) checks.push({ id: `driver-${u.id}`, for: u.id, status: 'missing', text: `driver ${u.id}: ${u.reason}`, fix: 'Update imxflash (npm install), or use another --probe.' });
        const probes = await listAll(ctx, env);
        for (const p of probes) {
          checks.push({
            id: `probe-${p.driver}-${p.id}`,
            for: p.driver,
            status: p.access === 'ok' ? 'ok' : 'missing',
            text: `${p.driver} probe: ${p.description}${p.access === 'ok' ? '' : ` (${p.access})`}`,
            ...(p.accessHint ? { fix: p.accessHint } : {}),
          });
        }
        if (probes.length === 0) checks.push({ id: 'probes', for: 'all', status: 'info', text: 'no probe connected (and no board in serial-downloader mode)' });
        checks.push(...(await serialPortChecks(env.container)));
        const { installations } = await driverExtras(env.drivers, board);
        if (installations.length === 0 && env.drivers.some((d) => d.name === 'jlink')) {
          checks.push({
            id: 'jlink-installations',
            for: 'jlink',
            status: 'info',
            text: 'J-Link: no JLinkExe installation found (only needed for --probe jlink)',
            fix: 'Install the J-Link Software and Documentation Pack from segger.com (RT1052 + QSPI: V6.86 or newer, or V6.80d and older; not V6.82–V6.84b).',
          });
        }
        for (const i of installations) {
          checks.push({
            id: `jlink-${i.version}`,
            for: 'jlink',
            status: i.knownIssues.length > 0 ? 'warn' : 'ok',
            text: `J-Link ${i.version} at ${i.path}${i.knownIssues.length > 0 ? `: known issues on ${board.chip.name}: ${i.knownIssues.join('; ')}` : ''}`,
          });
        }
      } finally {
        await env.close({ save: false });
      }

      if (ctx.json) {
        ctx.result({ ok: true, command: 'doctor', platform, sim: ctx.settings.sim, chip: board.chip.id, flash: board.part.id, checks, udevRules: udevRules() });
        return;
      }
      const mark = { ok: ctx.style.green('✓'), warn: ctx.style.yellow('!'), missing: ctx.style.red('✗'), info: ctx.style.dim('·') } as const;
      for (const c of checks) {
        ctx.say(`${mark[c.status]} ${c.text}`);
        if (c.fix) ctx.say(`    ${ctx.style.dim('fix:')} ${c.fix}`);
      }
      // Missing rules: show the file itself, so it can be reviewed (or copied) before installing.
      if (checks.some((c) => c.id === 'udev' && c.status === 'missing') && !o.writeUdev) {
        ctx.say(`\n${ctx.style.bold('udev rules')} (imxflash doctor --write-udev <file> writes them):\n`);
        ctx.say(udevRules().trimEnd());
      }
    });
}

/** The serial ports the SDP driver could use over UART (`--port`), or why they cannot be listed. */
async function serialPortChecks(container: DependencyContainer): Promise<DoctorCheck[]> {
  if (!container.isRegistered(SERIAL_BINDING, true)) return [];
  try {
    const ports = await container.resolve(SERIAL_BINDING).list();
    if (ports.length === 0) return [{ id: 'serial-ports', for: 'sdp', status: 'info', text: 'serial ports: none (only needed for --probe sdp over UART)' }];
    return [{ id: 'serial-ports', for: 'sdp', status: 'ok', text: `serial ports: ${ports.map((p) => p.path).join(', ')} (use one with --port)` }];
  } catch (e) {
    const hint = e instanceof ImxflashError ? e.hint : undefined;
    return [{ id: 'serial-ports', for: 'sdp', status: 'missing', text: `serial ports cannot be listed: ${(e as Error).message}`, ...(hint ? { fix: hint } : {}) }];
  }
}
