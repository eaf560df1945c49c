/**
 * Addresses of the logo's and favicon's files. The content hash is part of the path, so a file at an address
 * never changes and is cached for a year; a new upload gets a new address.
 */
import type { BrandKind, BrandLogo } from './site-identity.js';

export const brandFileUrl = (kind: BrandKind, hash: string, name: string): string => `/brand/${kind}/${hash}/${name}`;

/** The logo as an HTML mail shows it: the PNG (mail clients may not read WebP) at its drawn size; null for none. */
export const mailLogo = (logo: BrandLogo | null): { path: string; width: number; height: number } | null =>
  logo
    ? {
        path: brandFileUrl('logo', logo.hash, 'logo.png'),
        width: Math.round(logo.width / 2),
        height: Math.round(logo.height / 2),
      }
    : null;
