/** The floor of any React window: React's production build rendering the same rows, nothing of the app. */
import { createElement, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { floorRows, type FloorRow } from './rows.js';

function Rows() {
  const [rows, setRows] = useState<FloorRow[] | null>(null);
  useEffect(() => void floorRows().then(setRows), []);
  if (rows === null) return null;
  return createElement(
    'ul',
    { 'data-floor-rows': '' },
    rows.map((row) => createElement('li', { key: row.name }, createElement('strong', null, row.name), createElement('span', null, row.preview))),
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(createElement(Rows));
