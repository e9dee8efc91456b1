import type { ReactNode } from 'react';
import type { Role } from './auth/session';

/**
 * One area's pages: its routes (under the console layout) and its side-menu entries. Each area keeps
 * its own registry file (pages/<area>/<area>.routes.tsx), so the areas grow without editing app.tsx.
 */
export interface AreaRoute {
  /** Relative to the site root, without the leading slash: 'projects', 'projects/:id'. */
  path: string;
  element: ReactNode;
  /** Who may open it; absent means every signed-in user. The API checks again on every call. */
  roles?: Role[];
}

export interface AreaMenuItem {
  /** The route it opens, e.g. '/projects'; also the menu key. */
  path: string;
  label: string;
  icon?: ReactNode;
  roles?: Role[];
}

export interface Area {
  routes: AreaRoute[];
  menu: AreaMenuItem[];
}

export const allows = (roles: Role[] | undefined, role: Role | undefined): boolean =>
  !roles || (!!role && roles.includes(role));
