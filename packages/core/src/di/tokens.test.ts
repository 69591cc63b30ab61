import 'reflect-metadata';
import { container, inject, injectable, type DependencyContainer } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import type { SerialBinding, SerialLink } from '../bindings/serial-binding.js';
import type { ProbeDriver } from '../probe/probe-driver.js';
import type { ProbeInfo } from '../probe/probe-info.js';
import type { Clock } from '../time/clock.js';
import { ManualClock } from '../testing/manual-clock.js';
import { CLOCK, PROBE_DRIVER, SERIAL_BINDING } from './tokens.js';

/*
 * Drivers shaped like the real ones (STYLE R4): an explicit inject(TOKEN) for every constructor
 * parameter. The decorators are applied as the calls `@injectable()` and `@inject(T)` compile to
 * (legacy decorators are plain functions), because Vite 8's oxc transform lowers decorator syntax
 * only for files a tsconfig with experimentalDecorators covers, and packages/core/tsconfig.json
 * excludes *.test.ts: in a test file `constructor(@inject(X) x)` fails to parse ("Decorators are
 * not valid here"). Library modules, where drivers live, are covered and work with the syntax.
 * Adding `oxc: { decorator: { legacy: true } }` to the vitest config lifts the limit for tests.
 */
class FakeSdpDriver implements ProbeDriver {
  readonly name = 'sdp' as const;
  constructor(
    private readonly serial: SerialBinding,
    readonly clock: Clock,
  ) {}
  async list(): Promise<ProbeInfo[]> {
    const ports = await this.serial.list();
    return ports.map((p) => ({ driver: 'sdp', id: p.path, path: p.path, link: 'serial', description: `serial port ${p.path}`, access: 'ok' }));
  }
  open(): never {
    throw new Error('not used here');
  }
}

class FakeJlinkDriver implements ProbeDriver {
  readonly name = 'jlink' as const;
  constructor(readonly clock: Clock) {}
  async list(): Promise<ProbeInfo[]> {
    return [{ driver: 'jlink', id: '600112345', serial: '600112345', description: 'J-Link', access: 'ok' }];
  }
  open(): never {
    throw new Error('not used here');
  }
}

inject(SERIAL_BINDING)(FakeSdpDriver, undefined, 0);
inject(CLOCK)(FakeSdpDriver, undefined, 1);
injectable()(FakeSdpDriver);
inject(CLOCK)(FakeJlinkDriver, undefined, 0);
injectable()(FakeJlinkDriver);

function fakeSerial(paths: string[]): SerialBinding {
  return {
    list: async () => paths.map((path) => ({ path })),
    open: async (): Promise<SerialLink> => {
      throw new Error('not used here');
    },
  };
}

function compose(c: DependencyContainer, clock: Clock, serialPaths: string[]): void {
  c.register(CLOCK, { useValue: clock });
  c.register(SERIAL_BINDING, { useValue: fakeSerial(serialPaths) });
  c.register(PROBE_DRIVER, { useClass: FakeSdpDriver });
  c.register(PROBE_DRIVER, { useClass: FakeJlinkDriver });
}

describe('DI tokens with tsyringe (experimentalDecorators, no emitDecoratorMetadata)', () => {
  it('resolves every registered driver with its injected bindings in a child container', async () => {
    const child = container.createChildContainer();
    const clock = new ManualClock(5);
    compose(child, clock, ['/dev/ttyUSB0']);

    const drivers = child.resolveAll(PROBE_DRIVER);
    expect(drivers.map((d) => d.name)).toEqual(['sdp', 'jlink']);
    expect((drivers[0] as FakeSdpDriver).clock).toBe(clock);
    const listed = (await Promise.all(drivers.map((d) => d.list()))).flat();
    expect(listed.map((p) => `${p.driver}:${p.id}`)).toEqual(['sdp:/dev/ttyUSB0', 'jlink:600112345']);
  });

  it('keeps child containers apart (no module-level state)', async () => {
    const a = container.createChildContainer();
    const b = container.createChildContainer();
    compose(a, new ManualClock(), ['/dev/ttyA']);
    compose(b, new ManualClock(), ['/dev/ttyB']);
    expect((await a.resolveAll(PROBE_DRIVER)[0]!.list())[0]!.path).toBe('/dev/ttyA');
    expect((await b.resolveAll(PROBE_DRIVER)[0]!.list())[0]!.path).toBe('/dev/ttyB');
    expect(container.isRegistered(PROBE_DRIVER)).toBe(false);
  });

  it('types resolve() by the token', () => {
    const c = container.createChildContainer();
    c.register(CLOCK, { useValue: new ManualClock(42) });
    const clock: Clock = c.resolve(CLOCK);
    expect(clock.now()).toBe(42);
  });
});
