// The modules of this Gapura build, in menu order. A module that is not listed here does not exist
// for users: no routes, no menu entry, no tables.
import type { GapuraModule } from '../platform/module.ts';
import { informationNav, portalModule } from './portal/module.ts';
import { backupModule } from './backup/module.ts';
// units first after the portal: its seed loads the region pack other modules' seeds rely on
import { unitsModule } from './units/module.ts';
import { calendarModule } from './calendar/module.ts';
import { auditModule } from './audit/module.ts';
import { messagesModule } from './messages/module.ts';
import { staffModule } from './staff/module.ts';
import { accountsModule } from './accounts/module.ts';
import { contactsModule } from './contacts/module.ts';

export const modules: GapuraModule[] = [portalModule, unitsModule, accountsModule, staffModule, backupModule, calendarModule, auditModule, messagesModule, contactsModule];

// The portal's Informasi menu entry exists only when some installed module offers information pages.
portalModule.nav = { portal: informationNav(modules) };
