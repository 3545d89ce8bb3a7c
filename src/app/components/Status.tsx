// The status line: one figure over everything the first visit downloads (index, model, ONNX Runtime), then
// preparing, ready; failed says keyword search still works; offline, and an update waiting.
import type { EngineStatus } from '../search-client.ts';
import { modelStatusText, shownPercent } from '../labels.ts';

export function Status({
  status,
  online,
  onReload,
}: {
  status: EngineStatus;
  online: boolean;
  onReload: (() => void) | null;
}) {
  const { index, model, progress } = status;
  const percent = index.state === 'failed' ? null : shownPercent(model, progress);
  const text = index.state === 'failed' ? 'Index failed to load' : modelStatusText(model, progress);
  const busy = model.state === 'loading' || model.state === 'preparing';
  return (
    <div class="status" role="status" aria-live="polite" data-progress={percent ?? undefined}>
      <span
        class={`status-text status-${index.state === 'failed' ? 'failed' : model.state}`}
        data-model={model.state}
        title={model.state === 'failed' ? model.message : undefined}
      >
        {text}
      </span>
      {busy && percent !== null && (
        <progress
          class="status-progress"
          max={100}
          value={percent}
          aria-label="Download"
          aria-valuetext={`${percent}%`}
        />
      )}
      {!online && <span class="badge badge-offline">Offline</span>}
      {onReload && (
        <span class="update">
          <span class="update-long">A new version is available —</span>
          <span class="update-short">Update —</span>{' '}
          <button type="button" class="link-button" onClick={onReload}>
            Reload
          </button>
        </span>
      )}
    </div>
  );
}
