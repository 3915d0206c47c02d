// Vite handles stylesheet imports; for TypeScript they are modules with no exports.
declare module '*.css';
