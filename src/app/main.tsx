// Entry point: start the search worker first (the index loads while the page renders), then the UI.
import { render } from 'preact';
import { App } from './App.tsx';
import { SearchClient } from './search-client.ts';
import { openStorage } from './storage.ts';
import { registerServiceWorker } from './pwa.ts';
import './styles.css';

const client = new SearchClient(new URL('index/', document.baseURI).href);

// The service worker precaches ~28 MB (index, model, runtime). On a first visit it registers once the model
// has loaded (or failed), so the precache download never competes with the files the user is waiting for.
const updateReady = new Promise<() => void>((resolve) => {
  const stop = client.subscribe(({ model, index }) => {
    if (model.state !== 'ready' && model.state !== 'failed' && index.state !== 'failed') return;
    queueMicrotask(() => stop());
    registerServiceWorker({ onUpdateReady: resolve });
  });
});

render(<App client={client} storage={openStorage()} updateReady={updateReady} />, document.getElementById('app')!);
