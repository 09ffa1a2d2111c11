// Runs the certification page's script in jsdom against a scripted fake of the service's JSON API, with
// its timers under the test's control: the page's behaviour (views, polling, verdicts) without a
// browser, a server or real time. The DOM types are declared here because the node tsconfig has no DOM lib.
import { APP_JS } from '../../../src/emulator/certification/ui/app-js.js';
import { INDEX_HTML } from '../../../src/emulator/certification/ui/index-html.js';

/** The little of the DOM the specs touch. */
export interface El {
  textContent: string | null;
  hidden: boolean;
  value: string;
  checked: boolean;
  disabled: boolean;
  readonly childNodes: ArrayLike<El>;
  readonly nodeType: number;
  readonly nodeValue: string | null;
  click(): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & ArrayLike<El>;
  dispatchEvent(event: unknown): boolean;
}
interface Doc extends El {
  readonly documentElement: { innerHTML: string };
  readonly activeElement: El | null;
  getElementById(id: string): El | null;
}
const dom = globalThis as unknown as {
  document: Doc;
  Event: new (type: string, init?: { bubbles?: boolean; cancelable?: boolean }) => unknown;
};

export interface ApiCall {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}
/** The fake service: an answer (status and JSON body) for each call. */
export type Routes = (call: ApiCall) => { status: number; body: unknown };

interface Timer {
  readonly ms: number;
  readonly run: () => void;
  cancelled: boolean;
}

export interface Page {
  readonly calls: ApiCall[];
  readonly location: { hash: string };
  $(id: string): El;
  /** The element's words, one space apart, as a reader would see them. */
  text(id: string): string;
  type(id: string, value: string): void;
  submit(formId: string): Promise<void>;
  click(id: string): Promise<void>;
  /** Timers waiting with this delay (1000: the next poll; 50: a screen-reader announcement). */
  pending(ms: number): number;
  /** Runs the timers waiting with this delay, then lets the fetches they start finish. */
  advance(ms: number): Promise<void>;
  settle(): Promise<void>;
}

/** Visible words of an element, with a space between the texts of separate elements. */
function wordsOf(node: El): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  return Array.from(node.childNodes, wordsOf).join(' ');
}

/** Lets every pending promise chain (fake fetch, JSON, rendering) run to its end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i += 1) await Promise.resolve();
}

/** Loads index.html into jsdom's document and runs app.js with a fake window for fetch, timers and the address. */
export async function openPage(routes: Routes, hash = ''): Promise<Page> {
  const { document } = dom;
  document.documentElement.innerHTML = INDEX_HTML.replace(/^[\s\S]*?<html[^>]*>/, '').replace(
    /<\/html>\s*$/,
    '',
  );
  const calls: ApiCall[] = [];
  const timers: Timer[] = [];
  const location = { hash };
  const fakeWindow = {
    location,
    history: {
      replaceState: (_state: unknown, _title: string, url: string) => {
        location.hash = url === '#' ? '' : url;
      },
    },
    setTimeout: (run: () => void, ms: number) => timers.push({ ms, run, cancelled: false }),
    clearTimeout: (id: number) => {
      const timer = timers[id - 1];
      if (timer) timer.cancelled = true;
    },
    fetch: async (url: string, init: { method: string; body?: string }) => {
      const call = {
        method: init.method,
        path: url,
        body: init.body === undefined ? undefined : JSON.parse(init.body),
      };
      calls.push(call);
      const answer = routes(call);
      return {
        ok: answer.status >= 200 && answer.status < 300,
        status: answer.status,
        text: async () => JSON.stringify(answer.body),
      };
    },
  };
  new Function('window', APP_JS)(fakeWindow);
  await settle();

  const $ = (id: string): El => {
    const found = document.getElementById(id);
    if (!found) throw new Error(`no #${id}`);
    return found;
  };
  const live = (ms: number): Timer[] => timers.filter((t) => t.ms === ms && !t.cancelled);
  return {
    calls,
    location,
    $,
    text: (id) => wordsOf($(id)).replace(/\s+/g, ' ').trim(),
    type: (id, value) => {
      $(id).value = value;
    },
    async submit(formId) {
      $(formId).dispatchEvent(new dom.Event('submit', { bubbles: true, cancelable: true }));
      await settle();
    },
    async click(id) {
      $(id).click();
      await settle();
    },
    pending: (ms) => live(ms).length,
    async advance(ms) {
      for (const timer of live(ms)) {
        timer.cancelled = true;
        timer.run();
      }
      await settle();
    },
    settle,
  };
}
