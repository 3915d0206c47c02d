// @peculiar/x509 needs the Reflect metadata polyfill loaded before it is imported.
import 'reflect-metadata';
