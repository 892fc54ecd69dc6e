// The modules of this Gapura build. A module that is not listed here does not exist for users: no
// routes, no menu entry, no tables. loadModules() checks the manifests and orders the list by each
// module's `requires` (a module loads, migrates and seeds after those it requires).
import type { GapuraModule } from '../platform/module.ts';
import { loadModules } from '../platform/modules.ts';
import { informationNav, portalModule } from './portal/module.ts';
import { backupModule } from './backup/module.ts';
import { unitsModule } from './units/module.ts';
import { calendarModule } from './calendar/module.ts';
import { auditModule } from './audit/module.ts';
import { messagesModule } from './messages/module.ts';
import { staffModule } from './staff/module.ts';
import { accountsModule } from './accounts/module.ts';
import { contactsModule } from './contacts/module.ts';
import { opendataModule } from './opendata/module.ts';
import { pricesModule } from './prices/module.ts';
import { layananModule } from './layanan/module.ts';
import { pengaduanModule } from './pengaduan/module.ts';
import { documentsModule } from './documents/module.ts';
import { ppidModule } from './ppid/module.ts';
import { satisfactionModule } from './satisfaction/module.ts';
import { dokumenModule } from './dokumen/module.ts';
import { consultationModule } from './consultation/module.ts';
import { beritaModule } from './berita/module.ts';
import { agendaModule } from './agenda/module.ts';
import { investasiModule } from './investasi/module.ts';
import { lowonganModule } from './lowongan/module.ts';

export const modules: GapuraModule[] = loadModules([
  portalModule,
  unitsModule,
  accountsModule,
  staffModule,
  backupModule,
  calendarModule,
  auditModule,
  messagesModule,
  contactsModule,
  opendataModule,
  pricesModule,
  layananModule,
  pengaduanModule,
  documentsModule,
  ppidModule,
  satisfactionModule,
  dokumenModule,
  consultationModule,
  beritaModule,
  agendaModule,
  investasiModule,
  lowonganModule,
]);

// The portal's Informasi menu entry exists only when some installed module offers information pages.
portalModule.nav = { portal: informationNav(modules) };
