/** The crisis center's words, shared by the staff alert, the kiosk, the portal and the evaluation. */
import { addTranslations } from '../../i18n';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('emergency', { id, en });
