// Vitest setup: jest-dom matchers, and the browser APIs jsdom lacks that the components use
// (ResizeObserver for Recharts' ResponsiveContainer and the virtualiser).
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => cleanup());

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= ResizeObserverStub;
