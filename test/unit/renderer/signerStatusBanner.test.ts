// @vitest-environment happy-dom
// The signer host's state reaches the user (issue 4): a restart shows a polite status with the
// core's message in the current language, a stop shows an alert, running again clears it, the
// actions are reachable with the keyboard, and the banner is axe-clean.
import axe from 'axe-core';
import { createElement, act, type FunctionComponent, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../../renderer/src/i18n/translate.js';
import { RpcClient, type RpcTransport } from '../../../shared/rpc/client.js';
import type { EventData } from '../../../shared/rpc/contract.js';

// tsc's project references do not map the renderer's .tsx files into this .ts-only project
// (TS6305), so these modules are imported by a path tsc does not follow (vitest compiles them,
// one module instance each, shared with the imports inside them) and typed here.
const loadComponent = (path: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ path);
let SignerStatusBanner: FunctionComponent;
let I18nProvider: FunctionComponent<{ initial: Language; children?: ReactNode }>;
let RpcProvider: FunctionComponent<{ client: RpcClient; children?: ReactNode }>;
beforeAll(async () => {
  SignerStatusBanner = (await loadComponent('../../../renderer/src/components/SignerStatusBanner.js')).SignerStatusBanner as typeof SignerStatusBanner;
  I18nProvider = (await loadComponent('../../../renderer/src/i18n/I18nContext.js')).I18nProvider as typeof I18nProvider;
  RpcProvider = (await loadComponent('../../../renderer/src/rpc/RpcContext.js')).RpcProvider as typeof RpcProvider;
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let receive: (message: unknown) => void = () => {};
let root: Root;
let container: HTMLElement;

const transport: RpcTransport = {
  send() {},
  onMessage(r) {
    receive = r;
    return () => {};
  },
};

function mount(lang: Language) {
  const client = new RpcClient(transport);
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  act(() => root.render(createElement(I18nProvider, { initial: lang }, createElement(RpcProvider, { client }, createElement(SignerStatusBanner)))));
}

const push = (data: EventData<'signer.status'>) => act(() => receive({ event: 'signer.status', data }));
const crashed: EventData<'signer.status'> = {
  state: 'restarting',
  code: 'SIGNER_CRASHED',
  message_vi: 'Trình điều khiển token bị dừng đột ngột và đã được khởi động lại. Hãy đăng nhập lại',
  message_en: 'The token driver crashed and was restarted: log in again',
};
const stopped: EventData<'signer.status'> = { state: 'unavailable', code: 'SIGNER_UNAVAILABLE', message_vi: 'Đã dừng khởi động lại', message_en: 'Restarts stopped' };

beforeEach(() => {
  document.documentElement.lang = 'vi';
  document.body.innerHTML = '<main><h1>Station</h1></main>';
});
afterEach(() => {
  act(() => root.unmount());
});

describe('signer status banner', () => {
  it('shows nothing while the signer runs, and keeps an empty status region for announcements', () => {
    mount('vi');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('');
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows a restart as a status in Vietnamese, with the code, and clears when running again', () => {
    mount('vi');
    push(crashed);
    const status = container.querySelector('[role="status"]')!;
    expect(status.textContent).toContain('đang được khởi động lại');
    expect(status.textContent).toContain('Hãy đăng nhập lại');
    expect(status.textContent).toContain('SIGNER_CRASHED');
    expect(container.querySelector('[role="alert"]')).toBeNull();
    push({ state: 'running' });
    expect(container.textContent).toBe('');
  });

  it('shows restarts that stopped as an alert in English with what to do', () => {
    mount('en');
    push(crashed);
    push(stopped);
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Signing is unavailable');
    expect(alert.textContent).toContain('Restarts stopped');
    expect(alert.textContent).toContain('open the Sign screen');
    // The stop replaces the restart notice: one message at a time.
    expect(container.querySelector('[role="status"]')?.textContent).toBe('');
  });

  it('offers keyboard-reachable actions: a link to the Sign screen and a button that hides it', () => {
    mount('en');
    push(stopped);
    const link = container.querySelector<HTMLAnchorElement>('a[href="#/sign"]')!;
    expect(link.textContent).toBe('Open the Sign screen');
    const hide = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Hide this message')!;
    expect(hide.type).toBe('button');
    hide.focus();
    expect(document.activeElement).toBe(hide);
    act(() => hide.click());
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('is axe-clean while restarting and while unavailable', async () => {
    mount('vi');
    for (const data of [crashed, stopped]) {
      push(data);
      // Colour contrast needs a layout engine (checked by the Playwright axe pass on real pages).
      const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
      expect(result.violations.map((v) => v.id)).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(0);
    }
  });
});
