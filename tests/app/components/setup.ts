// Each component test starts from an empty page (vitest runs without globals, so testing-library cannot
// register its own cleanup), and the page fetches nothing: an image or any other request is answered 404 here.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/preact';

interface HappyDOMWindow {
  happyDOM: {
    settings: {
      fetch: { interceptor: { beforeAsyncRequest: (context: { window: typeof globalThis }) => Promise<Response> } };
    };
  };
}

(window as unknown as HappyDOMWindow).happyDOM.settings.fetch.interceptor = {
  beforeAsyncRequest: async ({ window }) => new window.Response(null, { status: 404 }),
};

afterEach(cleanup);
