import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The screens the window opens lazily (lazy-screens.tsx) are imported, and so transformed by Vite, the first
// time a test opens one: on a busy two-core machine that alone can take over the library's one-second default.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
