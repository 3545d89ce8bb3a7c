// The honest status line: index, model progress (bytes actually downloaded), offline, update waiting.
import type { EngineStatus } from '../search-client.ts';
import { modelStatusText } from '../labels.ts';

export function Status({ status, online, onReload }: { status: EngineStatus; online: boolean; onReload: (() => void) | null }) {
  const { index, model } = status;
  const percent = model.state === 'loading' && model.total > 0 ? Math.floor((100 * model.loaded) / model.total) : null;
  const text = index.state === 'failed' ? 'Index failed to load' : index.state === 'loading' ? 'Opening index…' : modelStatusText(model);
  return (
    <div class="status" role="status" aria-live="polite">
      <span class={`status-text status-${index.state === 'failed' ? 'failed' : model.state}`} data-model={model.state} title={model.state === 'failed' ? model.message : undefined}>
        {text}
      </span>
      {percent !== null && <progress class="status-progress" max={100} value={percent} aria-label="Model download" />}
      {!online && <span class="badge badge-offline">Offline</span>}
      {onReload && (
        <span class="update">
          A new version is available —{' '}
          <button type="button" class="link-button" onClick={onReload}>
            Reload
          </button>
        </span>
      )}
    </div>
  );
}
