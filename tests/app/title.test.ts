import { expect, test } from 'vitest';
import { pageTitle } from '../../src/app/title.ts';

test('the tab title names what is on screen, then the site', () => {
  expect(pageTitle('Notes')).toBe('Notes');
  expect(pageTitle('Notes', '  logistic regression ')).toBe('logistic regression — Notes');
  expect(pageTitle('Notes', 'Model Selection', 'Technical projects')).toBe(
    'Model Selection — Technical projects — Notes',
  );
  expect(pageTitle('Notes', 'Overview', 'Overview')).toBe('Overview — Notes');
  expect(pageTitle('Notes', undefined, 'Technical projects')).toBe('Technical projects — Notes');
});
