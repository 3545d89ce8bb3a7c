// Each component test starts from an empty page (vitest runs without globals, so testing-library cannot
// register its own cleanup).
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/preact';

afterEach(cleanup);
