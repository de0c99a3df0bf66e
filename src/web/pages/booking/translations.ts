/** The booking page's words (and the booking screens' own, for the day and slot pickers it reuses). */
import { addTranslations } from '../../i18n';
import '../book/translations';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('booking', { id, en });
