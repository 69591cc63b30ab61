import 'reflect-metadata';
import { container, inject, injectable } from 'tsyringe';
import { expect, it } from 'vitest';
import { CLOCK } from './tokens.js';
import type { Clock } from '../time/clock.js';

@injectable()
class UsesClock {
  constructor(@inject(CLOCK) readonly clock: Clock) {}
}

it('decorator syntax works in test files (legacy decorators via oxc)', () => {
  const c = container.createChildContainer();
  const clock: Clock = { now: () => 42, sleep: async () => {} };
  c.register(CLOCK, { useValue: clock });
  expect(c.resolve(UsesClock).clock.now()).toBe(42);
});
