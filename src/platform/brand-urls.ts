/**
 * Addresses of the logo's and favicon's files. The content hash is part of the path, so a file at an address
 * never changes and is cached for a year; a new upload gets a new address.
 */
import type { BrandKind } from './site-identity.js';

export const brandFileUrl = (kind: BrandKind, hash: string, name: string): string => `/brand/${kind}/${hash}/${name}`;
