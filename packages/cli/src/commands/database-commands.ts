import type { Command } from 'commander';
import { CHIPS, FLASH_PARTS, hex32 } from '@imxflash/core';
import type { CommandContext } from '../context.js';
import { formatTable } from '../render/table.js';

const usb = (u: { vid: number; pid: number }) => `${u.vid.toString(16).padStart(4, '0')}:${u.pid.toString(16).padStart(4, '0')}`;
const mib = (n: number) => (n >= 1 << 20 ? `${n / (1 << 20)} MiB` : `${n / 1024} KiB`);

export function registerDatabaseCommands(program: Command, contextFor: (cmd: Command) => CommandContext): void {
  program
    .command('chips')
    .description('list the chips imxflash knows (the names --chip accepts)')
    .action((_o: unknown, cmd: Command) => {
      const ctx = contextFor(cmd);
      if (ctx.json) return ctx.result({ ok: true, command: 'chips', chips: CHIPS });
      ctx.say(
        formatTable([
          ['id', 'name', 'boot flash', 'FCB', 'ROM USB', 'aliases'],
          ...CHIPS.map((c) => [c.id, c.name, hex32(c.flexspi[c.bootFlexspi]!.ahbWindow.start), `0x${c.fcbOffset.toString(16)}`, c.romUsb.map(usb).join(' '), c.aliases.join(' ')]),
        ], ''),
      );
    });

  program
    .command('flash-parts')
    .description('list the flash parts imxflash knows (the names --flash accepts)')
    .action((_o: unknown, cmd: Command) => {
      const ctx = contextFor(cmd);
      if (ctx.json) return ctx.result({ ok: true, command: 'flash-parts', parts: FLASH_PARTS });
      ctx.say(
        formatTable([
          ['id', 'vendor', 'size', 'type', 'JEDEC ID', 'QE', 'max clock'],
          ...FLASH_PARTS.map((p) => [
            p.id,
            p.vendor,
            mib(p.sizeBytes),
            p.interface === 'hyperflash' ? 'HyperFlash' : `QSPI ${p.voltage}`,
            p.jedecId ? p.jedecId.map((b) => b.toString(16).padStart(2, '0')).join(' ') : '-',
            p.quadEnable ? `${p.quadEnable.register.toUpperCase()} bit ${p.quadEnable.bit}` : '-',
            `${p.maxClockMhz.fastRead} MHz`,
          ]),
        ], ''),
      );
    });
}
