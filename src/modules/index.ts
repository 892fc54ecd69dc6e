// The modules of this Gapura build, in menu order. A module that is not listed here does not exist
// for users: no routes, no menu entry, no tables.
import type { GapuraModule } from '../platform/module.ts';
import { informationNav, portalModule } from './portal/module.ts';
import { backupModule } from './backup/module.ts';

export const modules: GapuraModule[] = [portalModule, backupModule];

// The portal's Informasi menu entry exists only when some installed module offers information pages.
portalModule.nav = { portal: informationNav(modules) };
