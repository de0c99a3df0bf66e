/** The facility words shared by the portal, the kiosk and the admin screen (namespace "facility"). */
import { addTranslations } from '../../i18n';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('facility', { id, en });
