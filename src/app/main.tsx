// Entry point: start the search worker first (the index loads while the page renders), then the UI.
import { render } from 'preact';
import { App } from './App.tsx';
import { SearchClient } from './search-client.ts';
import { openStorage } from './storage.ts';
import { registerServiceWorker } from './pwa.ts';
import './styles.css';

const client = new SearchClient(new URL('index/', document.baseURI).href);
const updateReady = new Promise<() => void>((resolve) => registerServiceWorker({ onUpdateReady: resolve }));

render(<App client={client} storage={openStorage()} updateReady={updateReady} />, document.getElementById('app')!);
