/** The machine's floor without a framework: the rows made with DOM calls. */
import { floorRows } from './rows.js';

void floorRows().then((rows) => {
  const list = document.createElement('ul');
  list.dataset.floorRows = '';
  for (const row of rows) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = row.name;
    const preview = document.createElement('span');
    preview.textContent = row.preview;
    item.append(name, preview);
    list.append(item);
  }
  document.getElementById('root')?.append(list);
});
