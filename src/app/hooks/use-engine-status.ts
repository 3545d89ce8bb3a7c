// The search worker's status (index opened, model progress) as state.
import { useEffect, useState } from 'preact/hooks';
import type { EngineStatus, SearchClient } from '../search-client.ts';

export function useEngineStatus(client: SearchClient): EngineStatus {
  const [status, setStatus] = useState<EngineStatus>(client.status);
  useEffect(() => client.subscribe(setStatus), [client]);
  return status;
}
